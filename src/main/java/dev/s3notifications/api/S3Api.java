package dev.s3notifications.api;

import dev.s3notifications.authorization.MalformedPolicyException;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.notification.DestinationVerifier;
import dev.s3notifications.notification.InvalidNotificationConfigurationException;
import dev.s3notifications.notification.NotificationConfigurationValidator;
import dev.s3notifications.store.BucketStore;
import dev.s3notifications.store.DependencyUnavailableException;
import dev.s3notifications.xml.MalformedXmlException;
import dev.s3notifications.xml.S3Documents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Authenticates an S3 request, routes it to its operation and turns every outcome into S3's answer. This is the only
 * place that catches: S3 errors (authentication's included) become S3's error document, anything unexpected becomes
 * {@code InternalError} with the details in the log only. Every response carries the request's
 * {@code x-amz-request-id} and {@code x-amz-id-2}.
 */
public final class S3Api {
    /** The query keys that select an operation at a bucket's path (botocore's S3 model, plus two object ones). */
    private static final Set<String> BUCKET_SELECTORS = Set.of("abac", "accelerate", "acl", "analytics", "cors",
            "encryption", "intelligent-tiering", "inventory", "lifecycle", "location", "logging",
            "metadataConfiguration", "metadataTable", "metrics", "notification", "object-lock", "ownershipControls",
            "policy", "policyStatus", "publicAccessBlock", "replication", "requestPayment", "tagging", "uploads",
            "versioning", "versions", "website", "torrent", "uploadId", NotificationOperations.HEALTH_SELECTOR);

    private final Authenticator authenticator;
    private final NotificationOperations notifications;
    private final BucketOperations buckets;
    private final PolicyOperations policies;

    /**
     * @param authenticator proves who sent each request, before it is routed
     * @param region        the region this API serves; buckets are created there
     * @param maxBodyBytes  the largest request body accepted
     * @param health        where the destinations' health is read (and dropped with the destinations);
     *                      {@link NotificationHealth#NONE} where nothing records it
     */
    public S3Api(Authenticator authenticator, BucketStore store, NotificationConfigurationValidator validator,
            DestinationVerifier verifier, String region, int maxBodyBytes, Clock clock,
            NotificationHealth health) {
        this.authenticator = authenticator;
        this.notifications = new NotificationOperations(store, validator, verifier, maxBodyBytes, clock, health);
        this.buckets = new BucketOperations(store, region, maxBodyBytes, clock);
        this.policies = new PolicyOperations(store, maxBodyBytes);
    }

    public S3Response handle(S3Request request) {
        S3Response response;
        try {
            response = route(request.withCaller(authenticator.authenticate(request)));
        } catch (S3Exception e) {
            response = error(request, e.error(), e.getMessage(), e.details());
            if (e.allow() != null) {
                response = response.withHeader("Allow", e.allow());
            }
        } catch (MalformedXmlException e) {
            JsonLog.info("malformed XML", "requestId", request.requestId(), "detail", e.getMessage());
            response = error(request, S3Error.MALFORMED_XML, S3Error.MALFORMED_XML.defaultMessage(), Map.of());
        } catch (MalformedPolicyException e) {
            response = error(request, S3Error.MALFORMED_POLICY, e.getMessage(), Map.of());
        } catch (InvalidNotificationConfigurationException e) {
            response = error(request, S3Error.INVALID_ARGUMENT, e.getMessage(), arguments(e));
        } catch (DependencyUnavailableException e) {
            JsonLog.warn("dependency unavailable", "requestId", request.requestId(), "detail", e.getMessage());
            response = error(request, S3Error.SERVICE_UNAVAILABLE, S3Error.SERVICE_UNAVAILABLE.defaultMessage(), Map.of());
        } catch (RuntimeException e) {
            JsonLog.error("internal error", e, "requestId", request.requestId(), "method", request.method(),
                    "bucket", request.bucket());
            response = error(request, S3Error.INTERNAL_ERROR, S3Error.INTERNAL_ERROR.defaultMessage(), Map.of());
        }
        if (request.method().equals("HEAD")) {
            response = new S3Response(response.status(), response.headers(), ""); // HEAD answers carry no body
        }
        return response.withHeader("x-amz-request-id", request.requestId()).withHeader("x-amz-id-2", request.hostId());
    }

    /** S3's {@code InternalError} answer, for a request that could not even be read. */
    public S3Response internalError(String invocationId) {
        String requestId = S3RequestIds.requestId(invocationId);
        String hostId = S3RequestIds.hostId(invocationId);
        return S3Response.xml(500, S3Documents.error(S3Error.INTERNAL_ERROR.code(), S3Error.INTERNAL_ERROR.defaultMessage(),
                Map.of(), requestId, hostId)).withHeader("x-amz-request-id", requestId).withHeader("x-amz-id-2", hostId);
    }

    private S3Response route(S3Request request) {
        String method = request.method();
        if (request.bucket() == null) {
            if (method.equals("GET")) {
                return buckets.list(request);
            }
            throw methodNotAllowed(method, "SERVICE", null);
        }
        if (request.key() != null) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED); // object operations are S3's, not ours
        }
        String selector = selector(request);
        if (selector == null) {
            return switch (method) {
                case "PUT" -> buckets.create(request);
                case "HEAD" -> buckets.head(request);
                case "DELETE" -> buckets.delete(request);
                case "GET", "POST" -> throw new S3Exception(S3Error.NOT_IMPLEMENTED); // ListObjects, browser uploads
                default -> throw methodNotAllowed(method, "BUCKET", null);
            };
        }
        if (method.equals("HEAD")) { // S3 answers a HEAD naming a selector with 405 and the GET that would answer it
            throw methodNotAllowed(method, selector.toUpperCase(Locale.ROOT), "GET");
        }
        return switch (selector) {
            case "notification" -> switch (method) {
                case "PUT" -> notifications.put(request);
                case "GET" -> notifications.get(request);
                default -> throw methodNotAllowed(method, "NOTIFICATION", "GET");
            };
            case NotificationOperations.HEALTH_SELECTOR -> {
                if (!method.equals("GET")) {
                    throw methodNotAllowed(method, "NOTIFICATION-HEALTH", "GET");
                }
                yield notifications.health(request);
            }
            case "policy" -> switch (method) {
                case "PUT" -> policies.put(request);
                case "GET" -> policies.get(request);
                case "DELETE" -> policies.delete(request);
                default -> throw methodNotAllowed(method, "POLICY", null);
            };
            case "location" -> {
                if (!method.equals("GET")) {
                    throw methodNotAllowed(method, "LOCATION", "GET");
                }
                yield buckets.location(request);
            }
            case "torrent" -> throw methodNotAllowed(method, "TORRENT", null);
            case "uploadId" -> throw new S3Exception(S3Error.INVALID_REQUEST, "A key must be specified");
            default -> throw new S3Exception(S3Error.NOT_IMPLEMENTED);
        };
    }

    /**
     * The query key that selects a bucket operation other than the listing, or null. S3 matches these keys
     * case-sensitively, ignores their values and every other key ({@code ?x-id=…}, {@code ?foo}), and refuses two
     * at once; measured against S3 in us-east-1 (2026-09-29) by the authors of a compatible server.
     */
    private static String selector(S3Request request) {
        TreeSet<String> selected = new TreeSet<>();
        for (String key : request.query().keySet()) {
            if (BUCKET_SELECTORS.contains(key)) {
                selected.add(key);
            }
        }
        if (selected.size() > 1) {
            throw S3Exception.invalidArgument("Conflicting query string parameters: " + String.join(", ", selected),
                    "ResourceType", selected.first());
        }
        return selected.isEmpty() ? null : selected.first();
    }

    private static S3Exception methodNotAllowed(String method, String resourceType, String allow) {
        return S3Exception.withDetails(S3Error.METHOD_NOT_ALLOWED, S3Error.METHOD_NOT_ALLOWED.defaultMessage(),
                "Method", method, "ResourceType", resourceType).allowing(allow);
    }

    private static Map<String, String> arguments(InvalidNotificationConfigurationException e) {
        Map<String, String> details = new LinkedHashMap<>();
        List<InvalidNotificationConfigurationException.Argument> arguments = e.arguments();
        for (int i = 0; i < arguments.size(); i++) {
            String suffix = e.numbered() ? Integer.toString(i + 1) : "";
            details.put("ArgumentName" + suffix, arguments.get(i).name());
            details.put("ArgumentValue" + suffix, arguments.get(i).value());
        }
        return details;
    }

    private S3Response error(S3Request request, S3Error error, String message, Map<String, String> details) {
        return S3Response.xml(error.status(), S3Documents.error(error.code(), message, details, request.requestId(), request.hostId()));
    }
}
