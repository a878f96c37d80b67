package dev.s3notifications.reliability;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A TCP proxy on 127.0.0.1 that resets chosen connections the moment they are accepted (an RST, by closing with
 * {@code SO_LINGER} 0, as an overloaded load balancer does) and passes the others through byte for byte.
 * Toxiproxy's {@code reset_peer} does the same at random moments; this one resets before the client has written
 * its request, every time, for tests that must not depend on a race.
 */
public final class ResettingProxy implements AutoCloseable {
    private final ServerSocket server;
    private final URI upstream;
    private final ExecutorService executor = Executors.newCachedThreadPool(r -> {
        Thread thread = new Thread(r, "resetting-proxy");
        thread.setDaemon(true);
        return thread;
    });
    private final AtomicInteger toReset = new AtomicInteger();
    private final AtomicInteger reset = new AtomicInteger();
    private volatile boolean resetAll;

    private ResettingProxy(URI upstream) throws IOException {
        this.upstream = upstream;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        executor.execute(this::accept);
    }

    public static ResettingProxy start(URI upstream) {
        try {
            return new ResettingProxy(upstream);
        } catch (IOException e) {
            throw new IllegalStateException("cannot start the resetting proxy", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://127.0.0.1:" + server.getLocalPort());
    }

    /** Resets the next {@code connections} connections. */
    public ResettingProxy resetNext(int connections) {
        toReset.set(connections);
        return this;
    }

    /** Resets every connection from now on (or no longer). */
    public ResettingProxy resetAll(boolean all) {
        resetAll = all;
        return this;
    }

    /** How many connections it has reset. */
    public int resets() {
        return reset.get();
    }

    private void accept() {
        while (!server.isClosed()) {
            Socket client;
            try {
                client = server.accept();
            } catch (IOException e) {
                return; // closed
            }
            if (resetAll || toReset.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                reset.incrementAndGet();
                try {
                    client.setSoLinger(true, 0);
                    client.close();
                } catch (IOException ignored) {
                    // it is gone either way
                }
                continue;
            }
            executor.execute(() -> pipe(client));
        }
    }

    private void pipe(Socket client) {
        try (client; Socket target = new Socket(upstream.getHost(), upstream.getPort())) {
            executor.execute(() -> copy(client, target));
            copy(target, client);
        } catch (IOException e) {
            // one side went away: the connection ends
        }
    }

    private static void copy(Socket from, Socket to) {
        try {
            InputStream in = from.getInputStream();
            OutputStream out = to.getOutputStream();
            in.transferTo(out);
        } catch (IOException e) {
            // one side went away
        } finally {
            try {
                to.shutdownOutput();
            } catch (IOException ignored) {
                // already closed
            }
        }
    }

    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException ignored) {
            // nothing to release
        }
        executor.shutdownNow();
    }
}
