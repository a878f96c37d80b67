package dev.s3notifications.api;

import dev.s3notifications.domain.AwsRegions;
import dev.s3notifications.domain.Bucket;
import dev.s3notifications.domain.BucketNames;
import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.xml.BucketXml;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The bucket operations that let unmodified S3 clients drive the whole flow: create, head, delete, list, location. */
final class BucketOperations {
    private static final String US_EAST_1 = "us-east-1";

    private final BucketStore store;
    private final BucketAccess access;
    private final String region;
    private final int maxBodyBytes;
    private final Clock clock;

    BucketOperations(BucketStore store, String region, int maxBodyBytes, Clock clock) {
        this.store = store;
        this.access = new BucketAccess(store);
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
        Bucket bucket = access.requireOwned(request).bucket();
        return S3Response.ok().withHeader("x-amz-bucket-region", bucket.region())
                .withHeader("x-amz-access-point-alias", "false");
    }

    /** Deleting a bucket also deletes its notification configuration. */
    S3Response delete(S3Request request) {
        Bucket bucket = access.requireOwned(request).bucket();
        if (!store.delete(bucket)) {
            throw S3Exception.noSuchBucket(bucket.name());
        }
        return new S3Response(204, Map.of(), "");
    }

    /** <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_GetBucketLocation.html">GetBucketLocation</a> */
    S3Response location(S3Request request) {
        return S3Response.xml(200, BucketXml.location(access.requireOwned(request).bucket().region()));
    }

    /**
     * The caller's buckets by name, narrowed by {@code prefix} and {@code bucket-region}, a page of
     * {@code max-buckets} at a time. <a href="https://docs.aws.amazon.com/AmazonS3/latest/API/API_ListBuckets.html">ListBuckets</a>
     */
    S3Response list(S3Request request) {
        String prefix = request.queryValue("prefix");
        String bucketRegion = request.queryValue("bucket-region");
        int maxBuckets = maxBuckets(request.queryValue("max-buckets"));
        String after = decodeContinuationToken(request.queryValue("continuation-token"));

        List<Bucket> matching = store.listOwnedBy(request.callerAccountId()).stream()
                .filter(b -> prefix == null || b.name().startsWith(prefix))
                .filter(b -> bucketRegion == null || b.region().equals(bucketRegion))
                .filter(b -> after == null || b.name().compareTo(after) > 0)
                .toList();
        List<Bucket> page = matching.subList(0, Math.min(maxBuckets, matching.size()));
        String next = matching.size() > page.size()
                ? Base64.getUrlEncoder().withoutPadding().encodeToString(
                        page.get(page.size() - 1).name().getBytes(StandardCharsets.UTF_8))
                : null;
        return S3Response.xml(200, BucketXml.listBuckets(page, canonicalUserId(request.callerAccountId()), next, prefix));
    }

    private static int maxBuckets(String value) {
        if (value == null) {
            return 10_000;
        }
        try {
            int max = Integer.parseInt(value);
            if (max >= 1 && max <= 10_000) {
                return max;
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        throw S3Exception.invalidArgument("Argument max-buckets must be an integer between 1 and 10000", "max-buckets", value);
    }

    private static String decodeContinuationToken(String token) {
        if (token == null) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw S3Exception.invalidArgument("The continuation token provided is incorrect", "continuation-token", token);
        }
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
