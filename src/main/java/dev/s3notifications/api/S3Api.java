package dev.s3notifications.api;

import dev.s3notifications.domain.BucketStore;
import dev.s3notifications.domain.DependencyUnavailableException;
import dev.s3notifications.domain.DestinationVerifier;
import dev.s3notifications.domain.InvalidNotificationConfigurationException;
import dev.s3notifications.domain.NotificationConfigurationValidator;
import dev.s3notifications.logging.JsonLog;
import dev.s3notifications.xml.ErrorXml;
import dev.s3notifications.xml.MalformedXmlException;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Routes an S3 request to its operation and turns every outcome into S3's answer. This is the only place that
 * catches: S3 errors become S3's error document, anything unexpected becomes {@code InternalError} with the
 * details in the log only. Every response carries the request's {@code x-amz-request-id} and {@code x-amz-id-2}.
 */
public final class S3Api {
    /** Query parameters that carry no meaning for routing: SDK operation hints and presigned-URL fields. */
    private static final Set<String> NEUTRAL_QUERY = Set.of("x-id");

    private final NotificationOperations notifications;
    private final BucketOperations buckets;

    /**
     * @param region       the region this API serves; buckets are created there
     * @param maxBodyBytes the largest request body accepted
     */
    public S3Api(BucketStore store, NotificationConfigurationValidator validator, DestinationVerifier verifier,
            String region, int maxBodyBytes, Clock clock) {
        this.notifications = new NotificationOperations(store, validator, verifier, maxBodyBytes, clock);
        this.buckets = new BucketOperations(store, region, maxBodyBytes, clock);
    }

    public S3Response handle(S3Request request) {
        S3Response response;
        try {
            response = route(request);
        } catch (S3Exception e) {
            response = error(request, e.error(), e.getMessage(), e.details());
        } catch (MalformedXmlException e) {
            JsonLog.info("malformed XML", "requestId", request.requestId(), "detail", e.getMessage());
            response = error(request, S3Error.MALFORMED_XML, S3Error.MALFORMED_XML.defaultMessage(), Map.of());
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
        return S3Response.xml(500, ErrorXml.write(S3Error.INTERNAL_ERROR.code(), S3Error.INTERNAL_ERROR.defaultMessage(),
                Map.of(), requestId, hostId)).withHeader("x-amz-request-id", requestId).withHeader("x-amz-id-2", hostId);
    }

    private S3Response route(S3Request request) {
        String method = request.method();
        if (request.bucket() == null) {
            if (method.equals("GET")) {
                return buckets.list(request);
            }
            throw methodNotAllowed(method, "SERVICE");
        }
        if (request.key() != null) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED); // object operations are S3's, not ours
        }
        if (request.hasQuery("notification")) {
            return switch (method) {
                case "PUT" -> notifications.put(request);
                case "GET" -> notifications.get(request);
                default -> throw methodNotAllowed(method, "NOTIFICATION");
            };
        }
        if (request.hasQuery("location")) {
            if (method.equals("GET")) {
                return buckets.location(request);
            }
            throw methodNotAllowed(method, "LOCATION");
        }
        boolean otherSubresource = request.query().keySet().stream()
                .anyMatch(name -> !NEUTRAL_QUERY.contains(name) && !name.startsWith("X-Amz-"));
        if (otherSubresource) {
            throw new S3Exception(S3Error.NOT_IMPLEMENTED);
        }
        return switch (method) {
            case "PUT" -> buckets.create(request);
            case "HEAD" -> buckets.head(request);
            case "DELETE" -> buckets.delete(request);
            case "GET", "POST" -> throw new S3Exception(S3Error.NOT_IMPLEMENTED); // ListObjects, browser uploads
            default -> throw methodNotAllowed(method, "BUCKET");
        };
    }

    private static S3Exception methodNotAllowed(String method, String resourceType) {
        Map<String, String> details = new LinkedHashMap<>();
        details.put("Method", method);
        details.put("ResourceType", resourceType);
        return new S3Exception(S3Error.METHOD_NOT_ALLOWED, S3Error.METHOD_NOT_ALLOWED.defaultMessage(), details);
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

    private static S3Response error(S3Request request, S3Error error, String message, Map<String, String> details) {
        return S3Response.xml(error.status(), ErrorXml.write(error.code(), message, details, request.requestId(), request.hostId()));
    }
}
