package dev.s3notifications.wiring;

import java.net.URI;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Everything the functions read from their environment, with the defaults the local stack runs on.
 *
 * @param region                    {@code AWS_REGION}: where buckets live and destinations must be; SigV4 credential
 *                                  scopes must name it
 * @param bucketsTable              {@code BUCKETS_TABLE}: the DynamoDB table of buckets, configurations and policies
 * @param unsignedRequestsAccountId {@code UNSIGNED_REQUESTS_ACCOUNT_ID}: when set, requests without any signature act
 *                                  as this account (its root) instead of being refused. For local tooling that
 *                                  replays unsigned events only; never set in template.yaml. Unset by default.
 * @param virtualHostDomains        {@code VIRTUAL_HOST_DOMAINS}: endpoint host names under which
 *                                  {@code <bucket>.<domain>} addresses a bucket virtual-hosted-style
 * @param maxConfigurations         {@code MAX_NOTIFICATION_CONFIGURATIONS}: S3's limit is 100
 * @param maxRequestBodyBytes       {@code MAX_REQUEST_BODY_BYTES}: larger bodies get {@code MaxMessageLengthExceeded}
 * @param dynamoDbEndpoint          {@code AWS_ENDPOINT_URL_DYNAMODB} or {@code AWS_ENDPOINT_URL}, or null for AWS
 * @param snsEndpoint               {@code AWS_ENDPOINT_URL_SNS} or {@code AWS_ENDPOINT_URL}, or null for AWS
 * @param configurationCacheTtl     {@code CONFIGURATION_CACHE_TTL_SECONDS}: how long the fan-out function trusts a
 *                                  bucket's configuration (or its absence) before reading it again; 0 reads every time
 * @param accessKeysTable           {@code ACCESS_KEYS_TABLE}: the DynamoDB table of access keys requests are signed with
 * @param accessKeyCacheTtl         {@code ACCESS_KEY_CACHE_TTL_SECONDS}: how long a warm container trusts a key it
 *                                  looked up (found or not) before reading it again; 0 reads every time
 * @param primeAtInit               {@code PRIME_AT_INIT}: whether the functions run their sample requests during
 *                                  init (default true), so the first request is as fast as the next; false leaves
 *                                  that work to the first request, for a shorter init (docs/benchmarks.md measures both)
 * @param delivery                  where the fan-out delivers, what it remembers of it and how it reports on it
 * @param environmentCredentials    whether the SDK clients take their credentials from {@code AWS_ACCESS_KEY_ID},
 *                                  {@code AWS_SECRET_ACCESS_KEY} and {@code AWS_SESSION_TOKEN} alone instead of the
 *                                  default chain: when both keys are set and {@code AWS_LAMBDA_INITIALIZATION_TYPE}
 *                                  is not {@code snap-start} (a snapshot must not keep credentials; SnapStart gives
 *                                  its functions theirs through the container endpoint, which only the chain asks)
 */
public record Settings(
        String region, String bucketsTable, String unsignedRequestsAccountId, List<String> virtualHostDomains,
        int maxConfigurations, int maxRequestBodyBytes, URI dynamoDbEndpoint, URI snsEndpoint,
        Duration configurationCacheTtl, String accessKeysTable, Duration accessKeyCacheTtl, boolean primeAtInit,
        Delivery delivery, boolean environmentCredentials) {

    /**
     * @param sqsEndpoint         {@code AWS_ENDPOINT_URL_SQS} or {@code AWS_ENDPOINT_URL}, or null for AWS
     * @param lambdaEndpoint      {@code AWS_ENDPOINT_URL_LAMBDA} or {@code AWS_ENDPOINT_URL}, or null for AWS
     * @param eventBridgeEndpoint {@code AWS_ENDPOINT_URL_EVENTBRIDGE} or {@code AWS_ENDPOINT_URL}, or null for AWS
     * @param eventBus            {@code EVENT_BUS_NAME}: the EventBridge bus of buckets with EventBridge on, by name or
     *                            ARN; S3 uses the account's default bus
     * @param eventSource         {@code EVENT_SOURCE}: the {@code source} of the events put on it; S3's is
     *                            {@code aws.s3}, which EventBridge reserves for AWS
     * @param deliveriesTable     {@code DELIVERIES_TABLE}: the DynamoDB table where the fan-out remembers what it
     *                            delivered of messages that failed in part, and each destination's health
     * @param metricsNamespace    {@code METRICS_NAMESPACE}: the CloudWatch namespace of the fan-out's metrics
     * @param maxReceiveCount     {@code MAX_RECEIVE_COUNT}: the object-events queue's redrive limit (template.yaml's
     *                            maxReceiveCount), after which a failing message is dead-lettered
     */
    public record Delivery(URI sqsEndpoint, URI lambdaEndpoint, URI eventBridgeEndpoint, String eventBus,
            String eventSource, String deliveriesTable, String metricsNamespace, int maxReceiveCount) {
        public Delivery {
            if (eventSource == null || eventSource.isBlank() || eventSource.startsWith("aws.")) {
                throw new IllegalArgumentException("EVENT_SOURCE must be set and must not start with aws. (EventBridge"
                        + " reserves those sources for AWS), not " + eventSource);
            }
        }
    }

    /** The account the local stack's first key pair acts for. */
    public static final String DEFAULT_ACCOUNT = "123456789012";
    public static final String DEFAULT_ACCESS_KEYS_TABLE = "s3-bucket-notifications-access-keys";
    /** Short enough that a new configuration reaches the fan-out within seconds, long enough to spare DynamoDB. */
    public static final Duration DEFAULT_CONFIGURATION_CACHE_TTL = Duration.ofSeconds(5);
    /** Every valid configuration S3 accepts fits: 100 configurations with long filters stay well below this. */
    public static final int DEFAULT_MAX_REQUEST_BODY_BYTES = 256 * 1024;
    /** The {@code source} of the fan-out's EventBridge events, which rules match on instead of S3's {@code aws.s3}. */
    public static final String DEFAULT_EVENT_SOURCE = "s3-bucket-notifications";
    public static final String DEFAULT_EVENT_BUS = "default";
    public static final String DEFAULT_DELIVERIES_TABLE = "s3-bucket-notifications-deliveries";
    public static final String DEFAULT_METRICS_NAMESPACE = "S3BucketNotifications";
    /** Short enough that a disabled key stops working within half a minute, long enough to spare DynamoDB. */
    public static final Duration DEFAULT_ACCESS_KEY_CACHE_TTL = Duration.ofSeconds(30);

    public Settings {
        if (unsignedRequestsAccountId != null && !unsignedRequestsAccountId.matches("[0-9]{12}")) {
            throw new IllegalArgumentException("UNSIGNED_REQUESTS_ACCOUNT_ID must be a 12-digit account id, not "
                    + unsignedRequestsAccountId);
        }
        if (configurationCacheTtl == null || configurationCacheTtl.isNegative()) {
            throw new IllegalArgumentException("CONFIGURATION_CACHE_TTL_SECONDS must be 0 or more, not " + configurationCacheTtl);
        }
        if (accessKeyCacheTtl == null || accessKeyCacheTtl.isNegative()) {
            throw new IllegalArgumentException("ACCESS_KEY_CACHE_TTL_SECONDS must be 0 or more, not " + accessKeyCacheTtl);
        }
    }

    public static Settings fromEnvironment() {
        return from(System.getenv());
    }

    public static Settings from(Map<String, String> env) {
        String unsigned = env.get("UNSIGNED_REQUESTS_ACCOUNT_ID");
        return new Settings(
                env.getOrDefault("AWS_REGION", "us-east-1"),
                env.getOrDefault("BUCKETS_TABLE", "s3-bucket-notifications-buckets"),
                unsigned == null || unsigned.isBlank() ? null : unsigned.trim(),
                Arrays.stream(env.getOrDefault("VIRTUAL_HOST_DOMAINS", "").split(","))
                        .map(String::trim).filter(s -> !s.isEmpty()).toList(),
                Integer.parseInt(env.getOrDefault("MAX_NOTIFICATION_CONFIGURATIONS", "100")),
                Integer.parseInt(env.getOrDefault("MAX_REQUEST_BODY_BYTES", Integer.toString(DEFAULT_MAX_REQUEST_BODY_BYTES))),
                endpoint(env, "AWS_ENDPOINT_URL_DYNAMODB"),
                endpoint(env, "AWS_ENDPOINT_URL_SNS"),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("CONFIGURATION_CACHE_TTL_SECONDS",
                        Long.toString(DEFAULT_CONFIGURATION_CACHE_TTL.toSeconds())))),
                env.getOrDefault("ACCESS_KEYS_TABLE", DEFAULT_ACCESS_KEYS_TABLE),
                Duration.ofSeconds(Long.parseLong(env.getOrDefault("ACCESS_KEY_CACHE_TTL_SECONDS",
                        Long.toString(DEFAULT_ACCESS_KEY_CACHE_TTL.toSeconds())))),
                flag(env, "PRIME_AT_INIT", true),
                new Delivery(endpoint(env, "AWS_ENDPOINT_URL_SQS"), endpoint(env, "AWS_ENDPOINT_URL_LAMBDA"),
                        endpoint(env, "AWS_ENDPOINT_URL_EVENTBRIDGE"),
                        env.getOrDefault("EVENT_BUS_NAME", DEFAULT_EVENT_BUS).trim(),
                        env.getOrDefault("EVENT_SOURCE", DEFAULT_EVENT_SOURCE).trim(),
                        env.getOrDefault("DELIVERIES_TABLE", DEFAULT_DELIVERIES_TABLE),
                        env.getOrDefault("METRICS_NAMESPACE", DEFAULT_METRICS_NAMESPACE).trim(),
                        Integer.parseInt(env.getOrDefault("MAX_RECEIVE_COUNT", "5").trim())),
                !isBlank(env.get("AWS_ACCESS_KEY_ID")) && !isBlank(env.get("AWS_SECRET_ACCESS_KEY"))
                        && !"snap-start".equals(env.get("AWS_LAMBDA_INITIALIZATION_TYPE")));
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /** {@code true} or {@code false} (any case); anything else is refused rather than read as one of them. */
    private static boolean flag(Map<String, String> env, String name, boolean defaultValue) {
        String value = env.get(name);
        if (value == null || value.isBlank()) {
            return defaultValue;
        }
        return switch (value.trim().toLowerCase(Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(name + " is true or false, not " + value);
        };
    }

    private static URI endpoint(Map<String, String> env, String serviceVariable) {
        String value = env.getOrDefault(serviceVariable, env.get("AWS_ENDPOINT_URL"));
        return value == null || value.isBlank() ? null : URI.create(value);
    }
}
