package dev.clocksync.client;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stand-in for a node agent's {@code GET /api/v1/time}, on a JDK HttpServer on loopback. Answers
 * are queued; once the queue is empty, the last one served repeats. While it answers, it can advance a test's ticker, so that a
 * request has a round trip in fake time.
 */
final class StubAgent implements AutoCloseable {

    record Answer(int status, String body) {}

    private final HttpServer server;
    private final Deque<Answer> answers = new ArrayDeque<>();
    private final AtomicInteger requests = new AtomicInteger();
    private Answer current = new Answer(503, "");
    private volatile Runnable whileAnswering = () -> {};
    private volatile String lastPath;

    StubAgent() {
        try {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            lastPath = exchange.getRequestURI().getPath();
            whileAnswering.run();
            Answer answer = next();
            byte[] body = answer.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "application/json");
            exchange.sendResponseHeaders(answer.status(), body.length == 0 ? -1 : body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    static String synced(long earliestNanos, long latestNanos) {
        return reading(earliestNanos, latestNanos, "SYNCED");
    }

    static String reading(long earliestNanos, long latestNanos, String status) {
        return """
                {"epochNanos":%d,"earliestNanos":%d,"latestNanos":%d,"errorBoundNanos":%d,"status":"%s"}""".formatted(
                        earliestNanos + (latestNanos - earliestNanos) / 2,
                        earliestNanos,
                        latestNanos,
                        (latestNanos - earliestNanos) / 2,
                        status);
    }

    /** What an agent that was never synchronized answers. */
    static String unsynchronized() {
        return """
                {"epochNanos":1795000000000000000,"earliestNanos":%d,"latestNanos":%d,"errorBoundNanos":%d,"status":"UNKNOWN"}""".formatted(Long.MIN_VALUE, Long.MAX_VALUE, Long.MAX_VALUE);
    }

    URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    synchronized StubAgent answer(int status, String body) {
        answers.addLast(new Answer(status, body));
        return this;
    }

    StubAgent answer(String body) {
        return answer(200, body);
    }

    StubAgent whileAnswering(Runnable action) {
        this.whileAnswering = action;
        return this;
    }

    int requests() {
        return requests.get();
    }

    String lastPath() {
        return lastPath;
    }

    private synchronized Answer next() {
        if (!answers.isEmpty()) {
            current = answers.removeFirst();
        }
        return current;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
