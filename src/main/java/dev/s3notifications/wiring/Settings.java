package dev.s3notifications.wiring;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Everything the functions read from their environment, with the defaults the local stack runs on.
 *
 * @param region                   {@code AWS_REGION}: where buckets live and destinations must be
 * @param bucketsTable             {@code BUCKETS_TABLE}: the DynamoDB table of buckets and configurations
 * @param defaultAccountId         {@code DEFAULT_ACCOUNT_ID}: the caller's account when the request names none
 * @param virtualHostDomains       {@code VIRTUAL_HOST_DOMAINS}: endpoint host names under which
 *                                 {@code <bucket>.<domain>} addresses a bucket virtual-hosted-style
 * @param maxConfigurations        {@code MAX_NOTIFICATION_CONFIGURATIONS}: S3's limit is 100
 * @param maxRequestBodyBytes      {@code MAX_REQUEST_BODY_BYTES}: larger bodies get {@code MaxMessageLengthExceeded}
 * @param dynamoDbEndpoint         {@code AWS_ENDPOINT_URL_DYNAMODB} or {@code AWS_ENDPOINT_URL}, or null for AWS
 * @param snsEndpoint              {@code AWS_ENDPOINT_URL_SNS} or {@code AWS_ENDPOINT_URL}, or null for AWS
 * @param configurationCacheTtl    {@code CONFIGURATION_CACHE_TTL_SECONDS}: how long the fan-out function trusts a
 *                                 bucket's configuration (or its absence) before reading it again; 0 reads every time
 */
public record Settings(
        String region, String bucketsTable, String defaultAccountId, List<String> virtualHostDomains,
        int maxConfigurations, int maxRequestBodyBytes, URI dynamoDbEndpoint, URI snsEndpoint,
        Duration configurationCacheTtl) {

    public static final String DEFAULT_ACCOUNT = "123456789012";
    /** Short enough that a new configuration reaches the fan-out within seconds, long enough to spare DynamoDB. */
    public static final Duration DEFAULT_CONFIGURATION_CACHE_TTL = Duration.ofSeconds(5);
    /** Every valid configuration S3 accepts fits: 100 configurations with long filters stay well below this. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 256 * 1024;

    public Settings {
        if (configurationCacheTtl == null || configurationCacheTtl.isNegative()) {
            throw new IllegalArgumentException("CONFIGURATION_CACHE_TTL_SECONDS must be 0 or more, not " + configurationCacheTtl);
        }
    }

    /** Settings without a fan-out cache lifetime: the default one. */
    public Settings(String region, String bucketsTable, String defaultAccountId, List<String> virtualHostDomains,
            int maxConfigurations, int maxRequestBodyBytes, URI dynamoDbEndpoint, URI snsEndpoint) {
        this(region, bucketsTable, defaultAccountId, virtualHostDomains, maxConfigurations, maxRequestBodyBytes,
                dynamoDbEndpoint, snsEndpoint, DEFAULT_CONFIGURATION_CACHE_TTL);
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        return new Settings(
                env.getOrDefault("AWS_REGION", "us-east-1"),
                env.getOrDefault("BUCKETS_TABLE", "s3-bucket-notifications-buckets"),
                env.getOrDefault("DEFAULT_ACCOUNT_ID", DEFAULT_ACCOUNT),
                Arrays.stream(env.getOrDefault("VIRTUAL_HOST_DOMAINS", "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Integer.parseInt(env.getOrDefault("MAX_NOTIFICATION_CONFIGURATIONS", "100")),
                Integer.parseInt(env.getOrDefault("MAX_REQUEST_BODY_BYTES", Integer.toString(DEFAULT_MAX_REQUEST_BODY_BYTES))),
                endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"),
                endpoint(env, "AWS_ENDPOINT_URL_SNS"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("CONFIGURATION_CACHE_TTL_SECONDS",
                        Long.toString(DEFAULT_CONFIGURATION_CACHE_TTL.toSeconds())))));
    }

    public Settings withConfigurationCacheTtl(Duration ttl) {
        return new Settings(region, bucketsTable, defaultAccountId, virtualHostDomains, maxConfigurations,
                maxRequestBodyBytes, dynamoDbEndpoint, snsEndpoint, ttl);
    }

    private static URI endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}
