package dev.s3notifications.authentication;

/**
 * A SigV4 credential: {@code <access key id>/<yyyyMMdd>/<region>/<service>/aws4_request}.
 * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/sigv4-auth-using-authorization-header.html">Authorization header</a>
 */
record CredentialScope(String accessKeyId, String date, String region, String service, String terminator) {

    /** The credential's parts, or null when it does not have five. */
    static CredentialScope parse(String credential) {
        String[] parts = credential.split("/", -1);
        if (parts.length != 5) {
            return null;
        }
        return new CredentialScope(parts[0], parts[1], parts[2], parts[3], parts[4]);
    }

    /** The scope as it appears in the string to sign: everything but the access key id. */
    String scope() {
        return date + "/" + region + "/" + service + "/" + terminator;
    }
}
