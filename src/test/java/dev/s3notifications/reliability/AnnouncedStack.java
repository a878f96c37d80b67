package dev.s3notifications.reliability;

import dev.s3notifications.local.LocalStack;
import dev.s3notifications.testing.MotoServer;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A local stack in this JVM (the same one {@code scripts/local-stack} runs: API Gateway stand-in, the API function,
 * its in-memory store, the shared moto server for SNS/SQS) and what it announced: its endpoint and the first key
 * pair requests are signed with.
 */
final class AnnouncedStack implements AutoCloseable {
    final LocalStack stack;
    final URI endpoint;
    final String accessKeyId;
    final String secretAccessKey;
    final String accountId;

    AnnouncedStack() {
        List<String> lines = new ArrayList<>();
        URI moto = MotoServer.shared().endpoint();
        stack = LocalStack.start(0, Map.of("AWS_REGION", "us-east-1", "AWS_ENDPOINT_URL_SNS", moto.toString(),
                "AWS_ENDPOINT_URL_SQS", moto.toString()), lines::add);
        endpoint = URI.create(value(lines, "ready"));
        String[] credentials = value(lines, "credentials").split(" ");
        accessKeyId = credentials[0];
        secretAccessKey = credentials[1];
        accountId = credentials[2];
    }

    private static String value(List<String> lines, String name) {
        return lines.stream().filter(line -> line.startsWith(name + " ")).findFirst()
                .map(line -> line.substring(name.length() + 1))
                .orElseThrow(() -> new IllegalStateException("the stack did not announce " + name + ": " + lines));
    }

    SignedS3Http client() {
        return new SignedS3Http(endpoint, accessKeyId, secretAccessKey, "us-east-1");
    }

    @Override
    public void close() {
        stack.close();
    }
}
