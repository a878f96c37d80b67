package dev.s3notifications.local;

import java.io.File;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** A command-line client (the AWS CLI, python3) run to completion, its output captured, stopped by PID if it hangs. */
record Command(int exitCode, String stdout, String stderr) {
    static final Duration TIMEOUT = Duration.ofMinutes(2);

    /**
     * The environment of a new user with placeholder credentials: no AWS variable or config file of this machine
     * leaks in, and nothing is looked up in the instance metadata service.
     */
    static Map<String, String> cleanAwsEnvironment(Map<String, String> environment) {
        environment.keySet().removeIf(name -> name.startsWith("AWS_"));
        environment.put("AWS_ACCESS_KEY_ID", "test");
        environment.put("AWS_SECRET_ACCESS_KEY", "test");
        environment.put("AWS_DEFAULT_REGION", "us-east-1");
        environment.put("AWS_CONFIG_FILE", "/nonexistent/aws-config");
        environment.put("AWS_SHARED_CREDENTIALS_FILE", "/nonexistent/aws-credentials");
        environment.put("AWS_EC2_METADATA_DISABLED", "true");
        return environment;
    }

    /** The AWS CLI against {@code endpoint}, answering JSON, with {@code environment} set (e.g. credentials). */
    static Command aws(URI endpoint, Map<String, String> environment, String... args) {
        List<String> command = new ArrayList<>(List.of("aws", "--endpoint-url", endpoint.toString(), "--output", "json"));
        command.addAll(List.of(args));
        return run(command, environment);
    }

    static Command run(List<String> command) {
        return run(command, Map.of());
    }

    /** @param environment variables set after the clean AWS environment, e.g. the credentials to sign with */
    static Command run(List<String> command, Map<String, String> environment) {
        File out = null;
        File err = null;
        Process process = null;
        try {
            out = File.createTempFile("command-", ".out");
            err = File.createTempFile("command-", ".err");
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out).redirectError(err)
                    .redirectInput(ProcessBuilder.Redirect.from(new File("/dev/null")));
            cleanAwsEnvironment(builder.environment()).putAll(environment);
            process = builder.start();
            if (!process.waitFor(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new AssertionError("still running after " + TIMEOUT + ": " + command);
            }
            return new Command(process.exitValue(), Files.readString(out.toPath(), StandardCharsets.UTF_8),
                    Files.readString(err.toPath(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new AssertionError("cannot run " + command + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted: " + command, e);
        } finally {
            if (process != null && process.isAlive()) {
                process.destroyForcibly();
            }
            if (out != null) {
                out.delete();
            }
            if (err != null) {
                err.delete();
            }
        }
    }

    /** The standard output of a command that must succeed. */
    String succeeded() {
        if (exitCode != 0) {
            throw new AssertionError("exit code " + exitCode + "\nstdout: " + stdout + "\nstderr: " + stderr);
        }
        return stdout;
    }
}
