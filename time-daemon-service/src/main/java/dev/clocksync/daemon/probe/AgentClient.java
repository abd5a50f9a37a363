package dev.clocksync.daemon.probe;

import dev.clocksync.core.exchange.Exchange;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.AdjustmentResponse;
import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.protocol.Paths;
import dev.clocksync.core.protocol.ProbeAnswer;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one agent, over the JDK's HttpURLConnection (kept alive between requests): timed probes
 * (T1 and T4 on this side) and signed adjustments. T4 is T1 plus a monotonic interval, so a step
 * of the daemon host's clock mid-exchange cannot corrupt a sample.
 */
public class AgentClient {

    static final String CLOCK_PATH = Paths.CLOCK;
    static final String ADJUSTMENTS_PATH = Paths.ADJUSTMENTS;

    private final JsonMapper jsonMapper;
    private final RequestSigner signer;
    private final TimeSource timeSource;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public AgentClient(
            JsonMapper jsonMapper,
            RequestSigner signer,
            TimeSource timeSource,
            Duration connectTimeout,
            Duration readTimeout) {
        this.connectTimeoutMillis = Math.toIntExact(connectTimeout.toMillis());
        this.readTimeoutMillis = Math.toIntExact(readTimeout.toMillis());
        this.jsonMapper = jsonMapper;
        this.signer = signer;
        this.timeSource = timeSource;
    }

    /**
     * One NTP-style exchange over the JDK's HttpURLConnection (kept alive between exchanges):
     * T1 is read just before the request is written and T4 as soon as the status line and headers
     * are in, before the body is parsed, so that client-side work stays out of the delay.
     */
    public TimedProbe probe(AgentEndpoint agent) {
        URI uri = agent.uri().resolve(CLOCK_PATH);
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestProperty("Accept", "application/json");
            connection.setUseCaches(false);
            connection.connect();
            long monotonicSend = timeSource.monotonicNanos();
            long t1 = timeSource.epochNanos();
            int status = connection.getResponseCode();
            long monotonicReceive = timeSource.monotonicNanos();
            if (status != 200) {
                InputStream error = connection.getErrorStream();
                if (error != null) {
                    error.close(); // lets the connection be reused
                }
                throw new IllegalStateException("GET " + uri + " answered " + status);
            }
            ProbeAnswer answer;
            try (InputStream body = connection.getInputStream()) {
                answer = jsonMapper.readValue(body, ProbeAnswer.class);
            }
            if (answer == null || answer.epoch() == null) {
                throw new IllegalStateException("GET " + uri + " answered without a clock probe");
            }
            long t4 = t1 + (monotonicReceive - monotonicSend);
            return new TimedProbe(new Exchange(t1, answer.receiveNanos(), answer.transmitNanos(), t4), answer);
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + ": " + e.getMessage(), e);
        }
    }

    /**
     * Sends a signed adjustment and says what became of it. Whether the agent may have applied an
     * unanswered adjustment depends on how far the request got: a failed connect never reached
     * it; a request that was written and then lost its answer (a timeout, a reset) may have been
     * applied, and only a later probe can tell.
     */
    public Delivery adjust(AgentEndpoint agent, AdjustmentRequest request) {
        URI uri = agent.uri().resolve(ADJUSTMENTS_PATH);
        byte[] body = jsonMapper.writeValueAsBytes(request);
        long timestampMillis = timeSource.epochNanos() / 1_000_000;
        HttpURLConnection connection;
        try {
            connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(connectTimeoutMillis);
            connection.setReadTimeout(readTimeoutMillis);
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setUseCaches(false);
            connection.setFixedLengthStreamingMode(body.length);
            connection.setRequestProperty("Content-Type", "application/json");
            connection.setRequestProperty("Accept", "application/json");
            connection.setRequestProperty(Headers.TIMESTAMP, Long.toString(timestampMillis));
            connection.setRequestProperty(
                    Headers.SIGNATURE, signer.sign("POST", ADJUSTMENTS_PATH, timestampMillis, body));
            connection.connect();
        } catch (IOException e) {
            return new Delivery.NotDelivered("POST " + uri + ": " + e);
        }
        try {
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status == 200) {
                try (InputStream in = connection.getInputStream()) {
                    return new Delivery.Answered(jsonMapper.readValue(in, AdjustmentResponse.class));
                }
            }
            String problem;
            try (InputStream error = connection.getErrorStream()) {
                problem = error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
            }
            return new Delivery.Refused(status, problem);
        } catch (IOException | RuntimeException e) {
            return new Delivery.Unconfirmed("POST " + uri + ": " + e);
        }
    }

    /** What became of an adjustment on its way to an agent. */
    public sealed interface Delivery {

        /** The agent answered 200: applied, or a duplicate. */
        record Answered(AdjustmentResponse response) implements Delivery {}

        /** The agent refused it with this status and problem detail; nothing changed there. */
        record Refused(int status, String problem) implements Delivery {}

        /** It never reached the agent (no connection). */
        record NotDelivered(String reason) implements Delivery {}

        /** It may have reached the agent, but no answer came back. */
        record Unconfirmed(String reason) implements Delivery {}
    }

    /** One exchange and the agent's answer that came with it. */
    public record TimedProbe(Exchange exchange, ProbeAnswer answer) {}
}
