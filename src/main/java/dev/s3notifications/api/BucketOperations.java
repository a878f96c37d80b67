package dev.s3notifications.api;

import dev.s3notifications.authorization.BucketAction;
import dev.s3notifications.notification.AwsRegions;
import dev.s3notifications.store.Bucket;
import dev.s3notifications.store.BucketNames;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.xml.BucketXml;
import dev.s3notifications.xml.S3Documents;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The bucket operations that let unmodified S3 clients drive the whole flow: create, head, delete, list, location. */
final class BucketOperations {
    private static final String US_EAST_1 = "us-east-1";

    private final BucketStore store;
    private final BucketLookup access;
    private final String region;
    private final int maxBodyBytes;
    private final Clock clock;

    BucketOperations(BucketStore store, String region, int maxBodyBytes, Clock clock) {
        this.store = store;
        this.access = new BucketLookup(store);
        this.region = region;
        this.maxBodyBytes = maxBodyBytes;
        this.clock = clock;
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_CreateBucket.html">CreateBucket</a> */
    S3Response create(S3Request request) {
        String name = request.bucket();
        if (!BucketNames.isValid(name)) {
            throw new S3Exception(S3Error.INVALID_BUCKET_NAME, S3Error.INVALID_BUCKET_NAME.defaultMessage(),
                    Map.of("BucketName", name));
        }
        if (request.body().length > maxBodyBytes) {
            throw new S3Exception(S3Error.MAX_MESSAGE_LENGTH_EXCEEDED);
        }
        RequestIntegrity.verify(request);
        String constraint = new String(request.body(), StandardCharsets.UTF_8).isBlank()
                ? null : BucketXml.readLocationConstraint(request.body());
        checkLocationConstraint(constraint);

        Bucket bucket = new Bucket(name, request.callerAccountId(), region, clock.instant().truncatedTo(ChronoUnit.MILLIS));
        Optional<Bucket> existing = store.create(bucket);
        if (existing.isPresent()) {
            if (!existing.get().ownerAccountId().equals(request.callerAccountId())) {
                throw new S3Exception(S3Error.BUCKET_ALREADY_EXISTS, S3Error.BUCKET_ALREADY_EXISTS.defaultMessage(),
                        Map.of("BucketName", name));
            }
            // S3 answers the owner's repeated CreateBucket with success in us-east-1 only, for compatibility.
            if (!US_EAST_1.equals(existing.get().region())) {
                throw new S3Exception(S3Error.BUCKET_ALREADY_OWNED_BY_YOU,
                        S3Error.BUCKET_ALREADY_OWNED_BY_YOU.defaultMessage(), Map.of("BucketName", name));
            }
        }
        return S3Response.ok().withHeader("Location", "/" + name);
    }

    /**
     * A regional endpoint creates buckets only in its own region; us-east-1 is the region of "no constraint" and
     * refuses to be named.
     */
    private void checkLocationConstraint(String constraint) {
        String named = "EU".equals(constraint) ? "eu-west-1" : constraint;
        if (named != null && (!AwsRegions.isKnown(named) || named.equals(US_EAST_1))) {
            throw new S3Exception(S3Error.INVALID_LOCATION_CONSTRAINT,
                    S3Error.INVALID_LOCATION_CONSTRAINT.defaultMessage(), Map.of("LocationConstraint", constraint));
        }
        String wanted = named == null ? US_EAST_1 : named;
        if (!wanted.equals(region)) {
            throw new S3Exception(S3Error.ILLEGAL_LOCATION_CONSTRAINT, "The " + (named == null ? "unspecified" : constraint)
                    + " location constraint is incompatible for the region specific endpoint this request was sent to.");
        }
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_HeadBucket.html">HeadBucket</a> */
    S3Response head(S3Request request) {
        Bucket bucket = access.authorize(request, BucketAction.LIST_BUCKET).bucket();
        return S3Response.ok().withHeader("x-amz-bucket-region", bucket.region())
                .withHeader("x-amz-access-point-alias", "false");
    }

    /** Deleting a bucket also deletes its notification configuration and its policy. */
    S3Response delete(S3Request request) {
        Bucket bucket = access.authorize(request, BucketAction.DELETE_BUCKET).bucket();
        if (!store.delete(bucket)) {
            throw S3Exception.noSuchBucket(bucket.name());
        }
        return new S3Response(204, Map.of(), "");
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html">GetBucketLocation</a> */
    S3Response location(S3Request request) {
        return S3Response.xml(200, S3Documents.location(access.authorize(request, BucketAction.GET_BUCKET_LOCATION).bucket().region()));
    }

    /**
     * The caller's buckets by name. Any of the four paging parameters, even empty, adds each bucket's region;
     * {@code prefix} is echoed; a truncated page ends with a continuation token. Refusals, their order and their
     * texts are S3's as measured in us-east-1 (2026-09-29); a repeated parameter counts with its first value.
     * <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html">ListBuckets</a>
     */
    S3Response list(S3Request request) {
        int maxBuckets = maxBuckets(request.queryValue("max-buckets"));
        checkBucketRegion(request.queryValue("bucket-region"));
        String after = decodeContinuationToken(request.queryValue("continuation-token"));
        String prefix = request.queryValue("prefix");
        boolean paged = PAGING_PARAMETERS.stream().anyMatch(request::hasQuery);

        List<Bucket> matching = store.listOwnedBy(request.callerAccountId()).stream()
                .filter(b -> prefix == null || b.name().startsWith(prefix))
                .filter(b -> after == null || b.name().compareTo(after) > 0)
                .toList();
        List<Bucket> page = matching.subList(0, Math.min(maxBuckets, matching.size()));
        String next = matching.size() > page.size() ? encodeContinuationToken(page.get(page.size() - 1).name()) : null;
        return S3Response.xml(200, S3Documents.listBuckets(page, canonicalUserId(request.callerAccountId()), paged, prefix, next));
    }

    private static final List<String> PAGING_PARAMETERS = List.of("max-buckets", "prefix", "continuation-token", "bucket-region");
    private static final String CONTINUATION_PREFIX = "after:";

    private static int maxBuckets(String value) {
        if (value == null || value.isEmpty()) {
            return 10_000;
        }
        int max;
        try {
            max = Integer.parseInt(value);
        } catch (NumberFormatException e) {
            throw S3Exception.invalidArgument("Provided max-buckets not an integer or within integer range", "max-buckets", value);
        }
        if (max < 1 || max > 10_000) {
            throw S3Exception.invalidArgument("Argument max-buckets must be an integer between 1 and 10000",
                    "max-buckets", Integer.toString(max));
        }
        return max;
    }

    private void checkBucketRegion(String value) {
        if (value == null) {
            return;
        }
        String named = value.toLowerCase(Locale.ROOT);
        if (!AwsRegions.isKnown(named)) {
            throw S3Exception.withDetails(S3Error.INVALID_ARGUMENT, "Argument value " + value + " is not a valid AWS Region",
                    "ArgumentName", "bucket-region");
        }
        if (!named.equals(region)) {
            throw S3Exception.withDetails(S3Error.INVALID_ARGUMENT,
                    "Requests with bucket-region specified must be made to the corresponding regional endpoint",
                    "ArgumentName", "bucket-region");
        }
    }

    private static String encodeContinuationToken(String lastName) {
        return Base64.getUrlEncoder().withoutPadding()
                .encodeToString((CONTINUATION_PREFIX + lastName).getBytes(StandardCharsets.UTF_8));
    }

    /** The name the page continues after; S3's refusal for anything this API did not hand out. */
    private static String decodeContinuationToken(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        String decoded;
        try {
            decoded = new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            decoded = "";
        }
        if (!decoded.startsWith(CONTINUATION_PREFIX) || !BucketNames.isValid(decoded.substring(CONTINUATION_PREFIX.length()))) {
            throw S3Exception.withDetails(S3Error.INVALID_ARGUMENT, "The continuation token provided is incorrect",
                    "ArgumentName", "continuation-token");
        }
        return decoded.substring(CONTINUATION_PREFIX.length());
    }

    /** S3 names owners by a 64-hex-digit canonical user id; ours is derived from the account id. */
    static String canonicalUserId(String accountId) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(accountId.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
