package dev.s3notifications.testing;

import java.io.IOException;
import java.net.ServerSocket;

/** A TCP port on 127.0.0.1 that nothing listens on at the moment, for a child process to listen on. */
public final class FreePort {
    private FreePort() {
    }

    public static int find() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
