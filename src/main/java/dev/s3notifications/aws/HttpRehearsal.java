package dev.s3notifications.aws;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.function.Supplier;
import software.amazon.awssdk.http.AbortableInputStream;
import software.amazon.awssdk.http.ExecutableHttpRequest;
import software.amazon.awssdk.http.HttpExecuteRequest;
import software.amazon.awssdk.http.HttpExecuteResponse;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.SdkHttpRequest;
import software.amazon.awssdk.http.SdkHttpResponse;

/**
 * Lets init rehearse the functions' SDK calls end to end, success answers included, without sending anything: while
 * {@link #rehearse} runs, the SDK clients that {@link AwsClients} builds hand that thread's requests to a script of
 * canned answers instead of to the network. Priming needs it because the real endpoints may only be asked what
 * they must refuse (nothing may be written or published at init), so the success paths (an item read and decoded,
 * a publish acknowledged) would otherwise stay cold until the first real event. Other threads, and every request
 * outside {@link #rehearse}, go to the network as always.
 */
public final class HttpRehearsal {
    private static final ThreadLocal<Script> SCRIPT = new ThreadLocal<>();

    private HttpRehearsal() {
    }

    /** Answers one request of a rehearsal. */
    @FunctionalInterface
    public interface Script {
        /** The answer to a request, given its method, path and headers, and its body as text. */
        Answer answer(SdkHttpRequest request, String body);
    }

    /** A canned HTTP answer. */
    public record Answer(int status, String contentType, String body) {
    }

    /** Runs {@code calls} on this thread with the SDK clients' requests answered by {@code script}. */
    public static <T> T rehearse(Script script, Supplier<T> calls) {
        Script outer = SCRIPT.get();
        SCRIPT.set(script);
        try {
            return calls.get();
        } finally {
            if (outer == null) {
                SCRIPT.remove();
            } else {
                SCRIPT.set(outer);
            }
        }
    }

    /** The HTTP client decorator that consults the rehearsal script of the calling thread, if there is one. */
    public static final class Client extends DelegatingHttpClient {
        public Client(SdkHttpClient delegate) {
            super(delegate);
        }

        @Override
        public ExecutableHttpRequest prepareRequest(HttpExecuteRequest request) {
            Script script = SCRIPT.get();
            if (script == null) {
                return delegate.prepareRequest(request);
            }
            return new ExecutableHttpRequest() {
                @Override
                public HttpExecuteResponse call() {
                    Answer answer = script.answer(request.httpRequest(), body(request));
                    byte[] bytes = answer.body().getBytes(StandardCharsets.UTF_8);
                    return HttpExecuteResponse.builder()
                            .response(SdkHttpResponse.builder().statusCode(answer.status())
                                    .putHeader("Content-Type", answer.contentType())
                                    .putHeader("Content-Length", Integer.toString(bytes.length))
                                    .putHeader("x-amzn-RequestId", "rehearsal").build())
                            .responseBody(AbortableInputStream.create(new ByteArrayInputStream(bytes)))
                            .build();
                }

                @Override
                public void abort() {
                }
            };
        }

        private static String body(HttpExecuteRequest request) {
            if (request.contentStreamProvider().isEmpty()) {
                return "";
            }
            try (InputStream in = request.contentStreamProvider().get().newStream()) {
                return new String(in.readAllBytes(), StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
