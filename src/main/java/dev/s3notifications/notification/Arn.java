package dev.s3notifications.notification;

/**
 * The parts of an Amazon Resource Name: {@code arn:partition:service:region:account-id:resource}.
 * <a href="https://docs.aws.amazon.com/IAM/latest/UserGuide/reference-arns.html">ARN format</a>
 */
public record Arn(String partition, String service, String region, String accountId, String resource) {

    /** The ARN in {@code text}, or null when it is not one. */
    public static Arn parse(String text) {
        if (text == null) {
            return null;
        }
        String[] parts = text.split(":", 6);
        if (parts.length != 6 || !parts[0].equals("arn")) {
            return null;
        }
        for (int i = 1; i < parts.length; i++) {
            if (i != 3 && parts[i].isEmpty()) { // only the region may be empty in an ARN (IAM, S3 buckets)
                return null;
            }
        }
        return new Arn(parts[1], parts[2], parts[3], parts[4], parts[5]);
    }

    /** The partition a region belongs to: {@code aws}, {@code aws-cn} or {@code aws-us-gov}. */
    public static String partitionOf(String region) {
        if (region.startsWith("cn-")) {
            return "aws-cn";
        }
        if (region.startsWith("us-gov-")) {
            return "aws-us-gov";
        }
        return "aws";
    }
}
