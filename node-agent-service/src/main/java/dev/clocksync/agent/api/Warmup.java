package dev.clocksync.agent.api;

import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.core.signing.SigningKeys;
import dev.clocksync.core.time.TimeSource;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import tools.jackson.databind.json.JsonMapper;

/**
 * Sends the agent's own API a burst of requests over loopback before it reports ready: probes,
 * and signed adjustments it refuses. Until the JIT has compiled the request paths, the time the
 * server spends before T2 and after T3 varies by hundreds of microseconds (half of that difference
 * lands in the daemon's offset estimate), and the first adjustment, which bootstraps JSON binding
 * and validation, can take longer than the daemon's request timeout. The adjustments carry a
 * correction above {@code max-correction}, so they pass the signature, binding, validation and
 * fencing and are then refused (422): nothing changes. Readiness follows the application-ready
 * event, so in Kubernetes the daemon only discovers the agent once the burst is over. A request
 * that fails (a busy machine at start) is retried until the time limit.
 */
@Component
class Warmup {

    private static final Logger log = LoggerFactory.getLogger(Warmup.class);
    private static final Duration TIME_LIMIT = Duration.ofSeconds(60);
    private static final Duration RETRY_PAUSE = Duration.ofMillis(50);
    private static final int ADJUSTMENTS_PER_PROBE = 4;

    private final int requests;
    private final AgentProperties properties;
    private final JsonMapper jsonMapper;
    private final TimeSource timeSource;
    private final ProbeNonces nonces;

    Warmup(AgentProperties properties, JsonMapper jsonMapper, TimeSource timeSource, ProbeNonces nonces) {
        this.requests = properties.warmupRequests();
        this.properties = properties;
        this.jsonMapper = jsonMapper;
        this.timeSource = timeSource;
        this.nonces = nonces;
    }

    @EventListener
    void warmUp(ApplicationReadyEvent event) {
        if (requests == 0 || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String address = event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
        String host = address.contains(":") ? "[" + address + "]" : address;
        URI base = URI.create("http://" + host + ":" + web.getWebServer().getPort());
        long start = System.nanoTime();
        long deadline = start + TIME_LIMIT.toNanos();
        RequestSigner signer = new RequestSigner(
                SigningKeys.require(properties.security().hmacKey(), "clocksync.agent.security.hmac-key"));

        int probes = 0;
        int adjustments = 0;
        int failures = 0;
        String lastFailure = null;
        while ((probes < requests || adjustments < requests / ADJUSTMENTS_PER_PROBE) && System.nanoTime() < deadline) {
            try {
                if (adjustments * ADJUSTMENTS_PER_PROBE < probes || probes == requests) {
                    byte[] refusedAdjustment = jsonMapper.writeValueAsBytes(new AdjustmentRequest(
                            "warm-up", 0L, 0L, properties.maxCorrection().toNanos() + 1, 0L, 0L, nonces.issue()));
                    postRefused(base.resolve(ApiConfiguration.ADJUSTMENTS_PATH), signer, refusedAdjustment);
                    adjustments++;
                } else {
                    get(base.resolve(ClockProbeFilter.PATH));
                    probes++;
                }
            } catch (IOException e) {
                failures++;
                lastFailure = e.toString();
                LockSupport.parkNanos(RETRY_PAUSE.toNanos());
            }
        }
        long millis = Duration.ofNanos(System.nanoTime() - start).toMillis();
        if (probes < requests || adjustments < requests / ADJUSTMENTS_PER_PROBE) {
            log.warn(
                    "Warm-up incomplete after {} ms: {} probes, {} refused adjustments, {} failed requests (last: {})",
                    millis,
                    probes,
                    adjustments,
                    failures,
                    lastFailure);
        } else {
            log.info(
                    "Warmed up with {} probes and {} refused adjustments in {} ms ({} failed requests retried)",
                    probes,
                    adjustments,
                    millis,
                    failures);
        }
    }

    private static void get(URI uri) throws IOException {
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        try (InputStream body = connection.getInputStream()) {
            body.readAllBytes();
        }
    }

    private void postRefused(URI uri, RequestSigner signer, byte[] body) throws IOException {
        long millis = timeSource.epochNanos() / 1_000_000;
        HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
        connection.setConnectTimeout(5000);
        connection.setReadTimeout(5000);
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        connection.setRequestProperty("Content-Type", "application/json");
        connection.setRequestProperty(Headers.TIMESTAMP, Long.toString(millis));
        connection.setRequestProperty(Headers.SIGNATURE, signer.sign("POST", uri.getPath(), millis, body));
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        try (InputStream error = connection.getErrorStream()) {
            if (error != null) {
                error.readAllBytes();
            }
        }
        if (status != 422) {
            throw new IOException("warm-up adjustment answered " + status + ", expected 422");
        }
    }
}
