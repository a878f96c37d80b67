package dev.s3notifications.api;

import java.util.LinkedHashMap;
import java.util.Map;

/** What the API answers: status, headers and a (possibly empty) text body. */
public record S3Response(int status, Map<String, String> headers, String body) {

    public static S3Response ok() {
        return new S3Response(200, new LinkedHashMap<>(), "");
    }

    public static S3Response xml(int status, String xml) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/xml");
        return new S3Response(status, headers, xml);
    }

    public S3Response withHeader(String name, String value) {
        Map<String, String> copy = new LinkedHashMap<>(headers);
        copy.put(name, value);
        return new S3Response(status, copy, body);
    }
}
