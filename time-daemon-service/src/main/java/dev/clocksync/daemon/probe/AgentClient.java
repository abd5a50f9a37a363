package dev.clocksync.daemon.probe;

import dev.clocksync.core.exchange.Exchange;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.AdjustmentResponse;
import dev.clocksync.core.protocol.ClockProbe;
import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.time.TimeSource;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import org.springframework.http.MediaType;
import org.springframework.web.client.RestClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * HTTP to one agent: timed probes (T1 and T4 on this side) and signed adjustments. T4 is T1 plus
 * a monotonic interval, so a step of the daemon host's clock mid-exchange cannot corrupt a sample.
 */
public class AgentClient {

    static final String CLOCK_PATH = "/api/v1/clock";
    static final String ADJUSTMENTS_PATH = "/api/v1/clock/adjustments";

    private final RestClient restClient;
    private final JsonMapper jsonMapper;
    private final RequestSigner signer;
    private final TimeSource timeSource;
    private final int connectTimeoutMillis;
    private final int readTimeoutMillis;

    public AgentClient(
            RestClient restClient,
            JsonMapper jsonMapper,
            RequestSigner signer,
            TimeSource timeSource,
            Duration connectTimeout,
            Duration readTimeout) {
        this.restClient = restClient;
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
            ClockProbe answer;
            try (InputStream body = connection.getInputStream()) {
                answer = jsonMapper.readValue(body, ClockProbe.class);
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

    /** A signed adjustment; HTTP errors surface as {@link org.springframework.web.client.RestClientResponseException}. */
    public AdjustmentResponse adjust(AgentEndpoint agent, AdjustmentRequest request) {
        byte[] body = jsonMapper.writeValueAsBytes(request);
        long timestampMillis = timeSource.epochNanos() / 1_000_000;
        String signature = signer.sign("POST", ADJUSTMENTS_PATH, timestampMillis, body);
        return restClient
                .post()
                .uri(agent.uri().resolve(ADJUSTMENTS_PATH))
                .contentType(MediaType.APPLICATION_JSON)
                .header(Headers.TIMESTAMP, Long.toString(timestampMillis))
                .header(Headers.SIGNATURE, signature)
                .contentLength(body.length)
                .body(out -> out.write(body)) // exactly the signed bytes, past every message converter
                .retrieve()
                .body(AdjustmentResponse.class);
    }

    /** One exchange and the agent's answer that came with it. */
    public record TimedProbe(Exchange exchange, ClockProbe answer) {}
}
