package dev.clocksync.client.spring;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;

/** A stand-in for a node agent's {@code GET /api/v1/time}: answers what it was last told to. */
final class StubAgent implements AutoCloseable {

    private final HttpServer server;
    private volatile int status = 503;
    private volatile String body = "";

    StubAgent() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/api/v1/time", exchange -> {
            byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        });
        server.start();
    }

    /** From now on, a synchronized reading of the host clock with the given error bound. */
    void synced(long errorBoundNanos, String status) {
        long now = System.currentTimeMillis() * 1_000_000L;
        this.body = """
                {"epochNanos":%d,"earliestNanos":%d,"latestNanos":%d,"errorBoundNanos":%d,"status":"%s","reference":"consensus"}""".formatted(now, now - errorBoundNanos, now + errorBoundNanos, errorBoundNanos, status);
        this.status = 200;
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
