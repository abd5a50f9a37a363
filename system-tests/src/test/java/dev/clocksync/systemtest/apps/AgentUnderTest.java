package dev.clocksync.systemtest.apps;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import tools.jackson.databind.json.JsonMapper;

/**
 * One built node agent as a process, with a simulated clock a known offset from the host clock,
 * that a test synchronizes by sending it a signed adjustment itself (no daemon needed).
 */
final class AgentUnderTest implements AutoCloseable {

    static final String KEY = "apps-system-test-key-0123456789";
    static final Duration START_TIMEOUT = Duration.ofSeconds(120);

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ServiceProcess process;
    private long round;

    private AgentUnderTest(ServiceProcess process) {
        this.process = process;
    }

    /**
     * Starts and awaits an agent whose clock is {@code offset} ahead of the host's. Its update
     * interval is long, so that a test that synchronizes it once sees it SYNCED for a minute;
     * {@code extraArgs} override any of these.
     */
    static AgentUnderTest start(String id, Duration offset, Path logs, String... extraArgs) {
        List<String> args = new ArrayList<>(List.of(
                "--clocksync.agent.id=" + id,
                "--clocksync.agent.clock.mode=simulated",
                "--clocksync.agent.clock.simulated.initial-offset=" + offset.toMillis() + "ms",
                "--clocksync.agent.discipline.update-interval=60s",
                "--clocksync.agent.discipline.step-threshold=1ms",
                "--clocksync.agent.warmup-requests=0"));
        args.addAll(List.of(extraArgs));
        // a property given twice would bind as a list: the later one wins
        Map<String, String> byName = new LinkedHashMap<>();
        args.forEach(arg -> byName.put(arg.substring(0, arg.indexOf('=')), arg));
        ServiceProcess process = ServiceProcess.fromJar(ProjectPaths.agentJar())
                .name(id)
                .logDirectory(logs)
                .env("CLOCKSYNC_HMAC_KEY", KEY)
                .args(byName.values().toArray(String[]::new))
                .start();
        return new AgentUnderTest(process.awaitReady(START_TIMEOUT));
    }

    URI baseUri() {
        return process.baseUri();
    }

    int port() {
        return process.port();
    }

    ServiceProcess process() {
        return process;
    }

    /**
     * Sends a signed correction as a daemon would (term 1, next round), with the given error, echoing
     * the nonce of a probe as adjustments must.
     */
    void adjust(Duration correction, Duration error) throws IOException, InterruptedException {
        round++;
        String path = "/api/v1/clock/adjustments";
        String json = "{\"daemonId\":\"system-test\",\"term\":1,\"round\":%d,\"correctionNanos\":%d,"
                + "\"issuedAtNanos\":1,\"errorNanos\":%d,\"probeNonce\":\"%s\"}";
        byte[] body = json.formatted(round, correction.toNanos(), error.toNanos(), probeNonce())
                .getBytes(StandardCharsets.UTF_8);
        long millis = System.currentTimeMillis();
        String signature = new RequestSigner(KEY.getBytes(StandardCharsets.UTF_8)).sign("POST", path, millis, body);
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(baseUri().resolve(path))
                        .header("Content-Type", "application/json")
                        .header(Headers.TIMESTAMP, Long.toString(millis))
                        .header(Headers.SIGNATURE, signature)
                        .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("adjustment refused: " + response.statusCode() + " " + response.body());
        }
    }

    private String probeNonce() throws IOException, InterruptedException {
        HttpResponse<String> probe = HTTP.send(
                HttpRequest.newBuilder(baseUri().resolve("/api/v1/clock")).build(),
                HttpResponse.BodyHandlers.ofString());
        return JSON.readTree(probe.body()).path("nonce").asString();
    }

    @Override
    public void close() {
        process.close();
    }
}
