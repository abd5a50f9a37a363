package dev.clocksync.benchmarks.live;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.signing.RequestSigner;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The time daemon's round API: the latest rounds, and a signed request to run one now. */
final class DaemonApi {

    static final String ROUNDS_PATH = "/api/v1/rounds";
    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final RequestSigner signer;

    DaemonApi(URI base, String hmacKey) {
        this.base = base;
        this.signer = new RequestSigner(hmacKey.getBytes(StandardCharsets.UTF_8));
    }

    /** The latest rounds, newest first; empty before the first. */
    List<Round> rounds(int limit) {
        JsonNode answer = get(base.resolve(ROUNDS_PATH + "?limit=" + limit));
        List<Round> rounds = new ArrayList<>();
        answer.forEach(node -> rounds.add(Round.of(node)));
        return rounds;
    }

    /** Runs a round now (POST /api/v1/rounds, signed) and returns its record. */
    Round runRound(Duration timeout) {
        long millis = System.currentTimeMillis();
        byte[] body = new byte[0];
        try {
            HttpURLConnection connection =
                    (HttpURLConnection) base.resolve(ROUNDS_PATH).toURL().openConnection();
            connection.setConnectTimeout(5_000);
            connection.setReadTimeout(Math.toIntExact(timeout.toMillis()));
            connection.setRequestMethod("POST");
            connection.setDoOutput(true);
            connection.setFixedLengthStreamingMode(0);
            connection.setRequestProperty(Headers.TIMESTAMP, Long.toString(millis));
            connection.setRequestProperty(Headers.SIGNATURE, signer.sign("POST", ROUNDS_PATH, millis, body));
            try (OutputStream out = connection.getOutputStream()) {
                out.write(body);
            }
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException(
                        "POST " + ROUNDS_PATH + " answered " + status + ": " + error(connection));
            }
            try (InputStream in = connection.getInputStream()) {
                return Round.of(JSON.readTree(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("POST " + base.resolve(ROUNDS_PATH) + ": " + e.getMessage(), e);
        }
    }

    private static JsonNode get(URI uri) {
        try {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            connection.setConnectTimeout(1_000);
            connection.setReadTimeout(5_000);
            int status = connection.getResponseCode();
            if (status != 200) {
                throw new IllegalStateException("GET " + uri + " answered " + status + ": " + error(connection));
            }
            try (InputStream in = connection.getInputStream()) {
                return JSON.readTree(in);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + uri + ": " + e.getMessage(), e);
        }
    }

    private static String error(HttpURLConnection connection) throws IOException {
        try (InputStream error = connection.getErrorStream()) {
            return error == null ? "" : new String(error.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    /**
     * What the benchmarks read of a round record.
     *
     * @param term the leader's term
     * @param round the round number within it
     * @param startedAtEpochMillis wall-clock start, as the daemon wrote it
     * @param durationNanos the round's duration as the daemon measured it
     * @param outcome ok, partial, no-reference, no-agents
     * @param spreadNanos max - min measured offset of the voting clocks, null without voters
     * @param agents agents in the round
     * @param voting of which voting
     * @param unreachable of which unreachable
     * @param corrected of which corrected (slewed, stepped, duplicate or applied)
     * @param medianDelayNanos median round trip of the kept exchanges, null without any
     */
    record Round(
            long term,
            long round,
            long startedAtEpochMillis,
            long durationNanos,
            String outcome,
            Long spreadNanos,
            int agents,
            int voting,
            int unreachable,
            int corrected,
            Long medianDelayNanos) {

        static Round of(JsonNode node) {
            int voting = 0;
            int unreachable = 0;
            int corrected = 0;
            List<Long> delays = new ArrayList<>();
            for (JsonNode agent : node.path("agents")) {
                String state = agent.path("state").asString("");
                if (state.equals("VOTING")) {
                    voting++;
                } else if (state.equals("UNREACHABLE")) {
                    unreachable++;
                }
                String adjustment = agent.path("adjustment").asString("");
                if (List.of("SLEWED", "STEPPED", "DUPLICATE", "APPLIED").contains(adjustment)) {
                    corrected++;
                }
                JsonNode delay = agent.path("delayNanos");
                if (delay.isNumber()) {
                    delays.add(delay.asLong());
                }
            }
            JsonNode spread = node.path("spreadNanos");
            double medianDelay =
                    Stats.median(delays.stream().mapToDouble(Long::doubleValue).toArray());
            return new Round(
                    node.path("term").asLong(),
                    node.path("round").asLong(),
                    java.time.Instant.parse(node.path("startedAt").asString()).toEpochMilli(),
                    node.path("durationNanos").asLong(),
                    node.path("outcome").asString(""),
                    spread.isNumber() ? spread.asLong() : null,
                    node.path("agents").size(),
                    voting,
                    unreachable,
                    corrected,
                    Double.isNaN(medianDelay) ? null : (long) medianDelay);
        }
    }
}
