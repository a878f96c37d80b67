package dev.s3notifications.xml;

import java.util.Map;

/**
 * S3's error document: {@code Code}, {@code Message}, the error's own elements, then {@code RequestId} and
 * {@code HostId}. <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/ErrorResponses.html">Error responses</a>
 */
public final class ErrorXml {
    private ErrorXml() {
    }

    public static String write(String code, String message, Map<String, String> details, String requestId, String hostId) {
        return S3Xml.write(xml -> {
            xml.start("Error").element("Code", code).element("Message", message);
            for (Map.Entry<String, String> detail : details.entrySet()) {
                xml.element(detail.getKey(), detail.getValue());
            }
            xml.element("RequestId", requestId).element("HostId", hostId).end();
        });
    }
}
