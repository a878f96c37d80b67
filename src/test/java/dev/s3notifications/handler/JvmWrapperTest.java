package dev.s3notifications.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The functions' AWS_LAMBDA_EXEC_WRAPPER ({@code src/main/lambda/jvm-wrapper}), run as the java21 runtime runs it: with
 * the runtime's java command line as its arguments. {@code echo} stands in for java, so the test sees the command line
 * the wrapper starts.
 */
class JvmWrapperTest {
    private static final Path WRAPPER = Path.of("src/main/lambda/jvm-wrapper");
    private static final List<String> RUNTIME_COMMAND = List.of("echo", "-XX:+TieredCompilation", "-XX:TieredStopAtLevel=1",
            "-XX:+UseSerialGC", "-classpath", "/var/runtime/lib/*", "com.amazonaws.services.lambda.runtime.api.client.AWSLambda",
            "dev.s3notifications.handler.FanOutHandler::handleRequest");

    @Test
    void isExecutableAsLambdaRequires() {
        assertThat(Files.isExecutable(WRAPPER)).isTrue();
    }

    @Test
    void startsTheRuntimesCommandUnchangedWhenNothingIsAsked() throws Exception {
        assertThat(wrap(Map.of())).isEqualTo(String.join(" ", RUNTIME_COMMAND.subList(1, RUNTIME_COMMAND.size())));
    }

    @Test
    void dropsTheRuntimesC1OnlyFlagForFullTieredCompilation() throws Exception {
        assertThat(wrap(Map.of("FULL_TIERED_COMPILATION", "true")))
                .doesNotContain("TieredStopAtLevel")
                .contains("-XX:+TieredCompilation", "-classpath /var/runtime/lib/* ");
    }

    @Test
    void appendsTheTaskRootToTheClassPath() throws Exception {
        assertThat(wrap(Map.of("TASK_ROOT_ON_CLASS_PATH", "true", "LAMBDA_TASK_ROOT", "/var/task")))
                .contains("-XX:TieredStopAtLevel=1", "-classpath /var/runtime/lib/*:/var/task:/var/task/lib/* com.amazonaws");
    }

    @Test
    void takesOnlyTrueAsYes() throws Exception {
        assertThat(wrap(Map.of("FULL_TIERED_COMPILATION", "false", "TASK_ROOT_ON_CLASS_PATH", "yes",
                "LAMBDA_TASK_ROOT", "/var/task"))).contains("-XX:TieredStopAtLevel=1", "-classpath /var/runtime/lib/* com");
    }

    private static String wrap(Map<String, String> environment) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(WRAPPER.toString()));
        command.addAll(RUNTIME_COMMAND);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().keySet().removeAll(List.of("FULL_TIERED_COMPILATION", "TASK_ROOT_ON_CLASS_PATH"));
        builder.environment().putAll(environment);
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        assertThat(process.waitFor()).as(output).isZero();
        return output;
    }
}
