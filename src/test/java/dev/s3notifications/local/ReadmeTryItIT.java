package dev.s3notifications.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The README's "Try it" session, run as written (bash and the AWS CLI) against a fresh local stack: the queue gets
 * the test event and S3's event message, the EventBridge rule's queue gets S3's event, and the last command gets S3's
 * error. A README that drifts from the code fails here.
 */
class ReadmeTryItIT {
    private static final Pattern TRY_IT = Pattern.compile("## Try it\\n.*?```sh\\n(.*?)```", Pattern.DOTALL);

    @Test
    void theReadmesSessionDeliversToTheQueueAndThroughEventBridge() throws IOException {
        Matcher block = TRY_IT.matcher(Files.readString(Path.of("README.md"), StandardCharsets.UTF_8));
        assertThat(block.find()).as("a sh block under '## Try it'").isTrue();
        List<String> announced = new CopyOnWriteArrayList<>();
        Path lines = Files.createTempFile("local-stack-", ".out");
        try (LocalStack stack = LocalStack.start(0, Map.of("AWS_REGION", "us-east-1"), announced::add)) {
            Files.write(lines, announced);
            String session = block.group(1).replace("/tmp/local-stack.out", lines.toString())
                    .replace("http://127.0.0.1:9090", stack.endpoint().toString());

            Command run = Command.run(List.of("bash", "-c", session));

            assertThat(run.stdout()).as(run.stderr())
                    .contains("\"Event\":\"s3:TestEvent\",")
                    .contains("\"eventName\":\"ObjectCreated:Put\"").contains("\"configurationId\":\"jpegs\"")
                    .contains("\"detail-type\": \"Object Created\"").contains("\"source\": \"s3-bucket-notifications\"");
            assertThat(run.stderr()).contains("An error occurred (InvalidArgument) when calling the "
                    + "PutBucketNotificationConfiguration operation: Unable to validate the following destination configurations");
            assertThat(run.stderr().split("An error occurred", -1)).as("only the last command, S3's error, fails")
                    .hasSize(2);
            assertThat(run.exitCode()).isNotZero();
        } finally {
            Files.delete(lines);
        }
    }
}
