package dev.s3notifications.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.ProxyRequestContext;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent.RequestIdentity;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import dev.s3notifications.json.JsonValues;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON of the functions' Lambda events and responses, read and written with Jackson's streaming parser
 * (jackson-core, which the functions load anyway). The handlers are {@code RequestStreamHandler}s because the
 * runtime's own POJO serialization (aws-lambda-java-serialization: a shaded Jackson databind, mix-ins, reflection
 * over the event classes) costs about 800 classes and a quarter of a second of the cold start, for fields that
 * take a few lines to read. Events become the same aws-lambda-java-events objects the runtime would make.
 * <a href="https://docs.aws.amazon.com/lambda/latest/dg/java-handler.html#java-handler-interfaces">Handler interfaces</a>
 */
final class LambdaEventJson {
    private static final JsonFactory JSON = new JsonFactory();

    private LambdaEventJson() {
    }

    /** An API Gateway REST (v1 proxy) event, with every field of its event class that the JSON carries. */
    static APIGatewayProxyRequestEvent readApiGatewayEvent(InputStream in) throws IOException {
        Map<String, Object> json = JsonValues.readObject(in);
        APIGatewayProxyRequestEvent event = new APIGatewayProxyRequestEvent();
        event.setVersion(string(json, "version"));
        event.setResource(string(json, "resource"));
        event.setPath(string(json, "path"));
        event.setHttpMethod(string(json, "httpMethod"));
        event.setHeaders(stringMap(json.get("headers")));
        event.setMultiValueHeaders(stringListMap(json.get("multiValueHeaders")));
        event.setQueryStringParameters(stringMap(json.get("queryStringParameters")));
        event.setMultiValueQueryStringParameters(stringListMap(json.get("multiValueQueryStringParameters")));
        event.setPathParameters(stringMap(json.get("pathParameters")));
        event.setStageVariables(stringMap(json.get("stageVariables")));
        event.setBody(string(json, "body"));
        event.setIsBase64Encoded(json.get("isBase64Encoded") instanceof Boolean b ? b : null);
        if (json.get("requestContext") instanceof Map<?, ?> c) {
            @SuppressWarnings("unchecked")
            Map<String, Object> context = (Map<String, Object>) c;
            ProxyRequestContext requestContext = new ProxyRequestContext();
            requestContext.setAccountId(string(context, "accountId"));
            requestContext.setStage(string(context, "stage"));
            requestContext.setResourceId(string(context, "resourceId"));
            requestContext.setRequestId(string(context, "requestId"));
            requestContext.setOperationName(string(context, "operationName"));
            requestContext.setResourcePath(string(context, "resourcePath"));
            requestContext.setHttpMethod(string(context, "httpMethod"));
            requestContext.setApiId(string(context, "apiId"));
            requestContext.setPath(string(context, "path"));
            requestContext.setExtendedRequestId(string(context, "extendedRequestId"));
            requestContext.setRequestTime(string(context, "requestTime"));
            requestContext.setRequestTimeEpoch(context.get("requestTimeEpoch") instanceof Number n ? n.longValue() : null);
            requestContext.setDomainName(string(context, "domainName"));
            requestContext.setDomainPrefix(string(context, "domainPrefix"));
            requestContext.setProtocol(string(context, "protocol"));
            if (context.get("authorizer") instanceof Map<?, ?> authorizer) {
                @SuppressWarnings("unchecked")
                Map<String, Object> values = (Map<String, Object>) authorizer;
                requestContext.setAuthorizer(values);
            }
            if (context.get("identity") instanceof Map<?, ?> i) {
                @SuppressWarnings("unchecked")
                Map<String, Object> id = (Map<String, Object>) i;
                RequestIdentity identity = new RequestIdentity();
                identity.setCognitoIdentityPoolId(string(id, "cognitoIdentityPoolId"));
                identity.setAccountId(string(id, "accountId"));
                identity.setCognitoIdentityId(string(id, "cognitoIdentityId"));
                identity.setCaller(string(id, "caller"));
                identity.setApiKey(string(id, "apiKey"));
                identity.setPrincipalOrgId(string(id, "principalOrgId"));
                identity.setSourceIp(string(id, "sourceIp"));
                identity.setCognitoAuthenticationType(string(id, "cognitoAuthenticationType"));
                identity.setCognitoAuthenticationProvider(string(id, "cognitoAuthenticationProvider"));
                identity.setUserArn(string(id, "userArn"));
                identity.setUserAgent(string(id, "userAgent"));
                identity.setUser(string(id, "user"));
                identity.setAccessKey(string(id, "accessKey"));
                requestContext.setIdentity(identity);
            }
            event.setRequestContext(requestContext);
        }
        return event;
    }

    /** The proxy response, as the runtime would serialize it: absent (null) fields left out. */
    static void writeApiGatewayResponse(APIGatewayProxyResponseEvent response, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            if (response.getStatusCode() != null) {
                json.writeNumberField("statusCode", response.getStatusCode());
            }
            if (response.getHeaders() != null) {
                json.writeObjectFieldStart("headers");
                for (Map.Entry<String, String> header : response.getHeaders().entrySet()) {
                    json.writeStringField(header.getKey(), header.getValue());
                }
                json.writeEndObject();
            }
            if (response.getMultiValueHeaders() != null) {
                json.writeObjectFieldStart("multiValueHeaders");
                for (Map.Entry<String, List<String>> header : response.getMultiValueHeaders().entrySet()) {
                    json.writeArrayFieldStart(header.getKey());
                    for (String value : header.getValue()) {
                        json.writeString(value);
                    }
                    json.writeEndArray();
                }
                json.writeEndObject();
            }
            if (response.getBody() != null) {
                json.writeStringField("body", response.getBody());
            }
            if (response.getIsBase64Encoded() != null) {
                json.writeBooleanField("isBase64Encoded", response.getIsBase64Encoded());
            }
            json.writeEndObject();
        }
    }

    /** An SQS event; the fan-out needs each record's message id and body. */
    static SQSEvent readSqsEvent(InputStream in) throws IOException {
        Map<String, Object> json = JsonValues.readObject(in);
        List<SQSEvent.SQSMessage> messages = new ArrayList<>();
        if (json.get("Records") instanceof List<?> records) {
            for (Object r : records) {
                if (r instanceof Map<?, ?> m) {
                    @SuppressWarnings("unchecked")
                    Map<String, Object> record = (Map<String, Object>) m;
                    SQSEvent.SQSMessage message = new SQSEvent.SQSMessage();
                    message.setMessageId(string(record, "messageId"));
                    message.setReceiptHandle(string(record, "receiptHandle"));
                    message.setBody(string(record, "body"));
                    message.setMd5OfBody(string(record, "md5OfBody"));
                    message.setEventSource(string(record, "eventSource"));
                    message.setEventSourceArn(string(record, "eventSourceARN"));
                    message.setAwsRegion(string(record, "awsRegion"));
                    message.setAttributes(stringMap(record.get("attributes")));
                    messages.add(message);
                }
            }
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(messages);
        return event;
    }

    /** {@code {"batchItemFailures":[{"itemIdentifier":…},…]}}, what ReportBatchItemFailures expects. */
    static void writeSqsBatchResponse(SQSBatchResponse response, OutputStream out) throws IOException {
        try (JsonGenerator json = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            json.writeStartObject();
            json.writeArrayFieldStart("batchItemFailures");
            for (SQSBatchResponse.BatchItemFailure failure : response.getBatchItemFailures()) {
                json.writeStartObject();
                json.writeStringField("itemIdentifier", failure.getItemIdentifier());
                json.writeEndObject();
            }
            json.writeEndArray();
            json.writeEndObject();
        }
    }

    private static String string(Map<String, Object> json, String name) {
        Object value = json.get(name);
        return value == null ? null : value.toString();
    }

    private static Map<String, String> stringMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, String> result = new LinkedHashMap<>();
        map.forEach((k, v) -> result.put(k.toString(), v == null ? null : v.toString()));
        return result;
    }

    private static Map<String, List<String>> stringListMap(Object value) {
        if (!(value instanceof Map<?, ?> map)) {
            return null;
        }
        Map<String, List<String>> result = new LinkedHashMap<>();
        map.forEach((k, v) -> {
            if (v instanceof List<?> list) {
                List<String> strings = new ArrayList<>(list.size());
                list.forEach(item -> strings.add(item == null ? null : item.toString()));
                result.put(k.toString(), strings);
            } else {
                result.put(k.toString(), null);
            }
        });
        return result;
    }
}
