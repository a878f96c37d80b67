package dev.s3notifications.xml;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * S3's error document: {@code Code}, {@code Message}, the error's own elements, then {@code RequestId} and
 * {@code HostId}. <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">Error responses</a>
 */
public final class ErrorXml {
    private ErrorXml() {
    }

    public static String write(String code, String message, Map<String, String> details, String requestId, String hostId) {
        Map<String, String> elements = new LinkedHashMap<>();
        elements.put("Code", code);
        elements.put("Message", message);
        elements.putAll(details);
        elements.put("RequestId", requestId);
        elements.put("HostId", hostId);
        try {
            return S3Xml.DECLARATION + S3Xml.mapper().writer().withRootName("Error").writeValueAsString(elements);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write an error document", e);
        }
    }
}
