package dev.s3notifications.local;

import dev.s3notifications.testing.AwsTestClients;
import dev.s3notifications.testing.InvokeApi;
import java.net.URI;
import java.util.Map;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;

/**
 * The local stack's Lambda, when no Lambda endpoint is named: running a function needs Docker, which the stack does
 * without. It answers Lambda's Invoke API ({@link InvokeApi}) for the functions the emulator knows (created with
 * {@code aws lambda create-function}, as on AWS; any other is Lambda's {@code ResourceNotFoundException}), and puts
 * the payload of every asynchronous invocation, the S3 event message, on the queue {@value #QUEUE} with the
 * function's ARN as a message attribute: where a user sees what would have been invoked.
 */
final class LocalLambda implements AutoCloseable {
    static final String QUEUE = "lambda-invocations";

    private final InvokeApi invokeApi;
    private final SqsClient sqs;
    private final LambdaClient registry;
    private volatile String queueUrl;

    private LocalLambda(String region, String accountId, URI emulator) {
        this.sqs = AwsTestClients.sqs(emulator);
        this.registry = AwsTestClients.lambda(emulator);
        this.invokeApi = InvokeApi.start(region, accountId, this::exists, invocation -> {
            if (invocation.invocationType().equals("Event")) {
                sqs.sendMessage(b -> b.queueUrl(invocationsQueue()).messageBody(invocation.payload())
                        .messageAttributes(Map.of("FunctionArn", MessageAttributeValue.builder().dataType("String")
                                .stringValue(invocation.functionArn()).build())));
            }
        });
    }

    /** @param emulator where functions are registered and the invocations queue lives (moto) */
    static LocalLambda start(String region, String accountId, URI emulator) {
        return new LocalLambda(region, accountId, emulator);
    }

    URI endpoint() {
        return invokeApi.endpoint();
    }

    /** The invocations queue's URL; made on first use, once the emulator answers. */
    String invocationsQueue() {
        String url = queueUrl;
        if (url == null) {
            url = sqs.createQueue(b -> b.queueName(QUEUE)).queueUrl();
            queueUrl = url;
        }
        return url;
    }

    private boolean exists(String functionArn) {
        try {
            registry.getFunction(b -> b.functionName(functionArn));
            return true;
        } catch (ResourceNotFoundException e) {
            return false;
        }
    }

    @Override
    public void close() {
        invokeApi.close();
        sqs.close();
        registry.close();
    }
}
