package dev.clocksync.client;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Objects;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Reads the synchronized time of a clocksync node agent ({@code GET /api/v1/time}). Each {@link
 * #now()} is one HTTP request; for a {@link java.time.Clock} that does not ask the agent on every
 * reading, see {@link ClocksyncClock}. Thread-safe; close it to release the HTTP client.
 *
 * <pre>{@code
 * try (ClocksyncClient client = ClocksyncClient.builder().agentUri(URI.create("http://localhost:8081")).build()) {
 *     TimeInterval now = client.now();
 * }
 * }</pre>
 */
public final class ClocksyncClient implements AutoCloseable {

    /**
     * The environment variable that names the agent of the application's own node, as the Helm
     * chart's node-local access sets it ({@code http://<release>-agent-local.<namespace>.svc:8081},
     * or {@code http://$(NODE_IP):<host port>}).
     */
    public static final String AGENT_URL_VARIABLE = "CLOCKSYNC_AGENT_URL";

    /** Where the agent is when nothing says otherwise: beside the application, on the agent's default port. */
    public static final URI DEFAULT_AGENT_URI = URI.create("http://localhost:8081");

    /** The agent's time endpoint, relative to its base URI. */
    static final String TIME_PATH = "api/v1/time";

    private static final JsonMapper JSON = JsonMapper.builder()
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .build();

    private final URI agentUri;
    private final URI timeUri;
    private final Duration timeout;
    private final double maxDriftPpm;
    private final Ticker ticker;
    private final HttpClient http;

    private ClocksyncClient(Builder builder) {
        this.agentUri = builder.agentUri;
        this.timeUri = resolve(builder.agentUri, TIME_PATH);
        this.timeout = builder.timeout;
        this.maxDriftPpm = builder.maxDriftPpm;
        this.ticker = builder.ticker;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(builder.timeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** The agent's base URI. */
    public URI agentUri() {
        return agentUri;
    }

    /** The bound on the caller's monotonic clock's rate error, ppm; see {@link Builder#maxDriftPpm(double)}. */
    public double maxDriftPpm() {
        return maxDriftPpm;
    }

    /**
     * The agent's time now, as an interval that holds when this method returns: the agent's own
     * interval, with its latest side moved later by the request's round trip (the agent read its
     * clock somewhere within it). Check {@link TimeInterval#status()}: an unsynchronized agent
     * answers an unbounded interval.
     *
     * @throws AgentUnavailableException the agent could not be reached within the timeout, or did
     *     not answer with a time reading
     */
    public TimeInterval now() {
        return measure().interval();
    }

    Ticker ticker() {
        return ticker;
    }

    /** One reading and the caller's monotonic time when it was taken, for extrapolation. */
    Measurement measure() {
        HttpRequest request = HttpRequest.newBuilder(timeUri)
                .timeout(timeout)
                .header("Accept", "application/json")
                .GET()
                .build();
        long sentTicks = ticker.nanos();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new AgentUnavailableException(agentUri, "no answer within " + timeout, e);
        } catch (IOException e) {
            throw new AgentUnavailableException(agentUri, describe(e), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AgentUnavailableException(agentUri, "interrupted while waiting for the answer", e);
        }
        long receivedTicks = ticker.nanos();
        if (response.statusCode() != 200) {
            throw new AgentUnavailableException(
                    agentUri, "GET " + timeUri.getPath() + " answered HTTP " + response.statusCode(), null);
        }
        TimeInterval agent = parse(response.body());
        long roundTrip = Math.max(0, receivedTicks - sentTicks);
        return new Measurement(widen(agent, roundTrip), receivedTicks);
    }

    private TimeInterval widen(TimeInterval agent, long roundTripNanos) {
        if (!agent.isBounded()) {
            return agent;
        }
        long widening = Nanos.saturatedAdd(roundTripNanos, Nanos.drift(roundTripNanos, maxDriftPpm));
        return new TimeInterval(
                agent.earliestNanos(),
                Nanos.saturatedAdd(agent.latestNanos(), widening),
                agent.status(),
                agent.reference());
    }

    private TimeInterval parse(String body) {
        try {
            JsonNode json = JSON.readTree(body);
            ClockStatus status = ClockStatus.fromWire(text(json, "status"));
            String reference =
                    json.hasNonNull("reference") ? json.get("reference").asString() : null;
            long earliest = number(json, "earliestNanos");
            long latest = number(json, "latestNanos");
            if (!status.isSynchronized() || earliest == Long.MIN_VALUE || latest == Long.MAX_VALUE) {
                return TimeInterval.unbounded(status, reference);
            }
            return new TimeInterval(earliest, latest, status, reference);
        } catch (JacksonException | IllegalArgumentException e) {
            throw new AgentUnavailableException(
                    agentUri, "the answer is not a time reading (" + e.getMessage() + ")", e);
        }
    }

    private static String text(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isString()) {
            throw new IllegalArgumentException("missing or non-text field '" + field + "'");
        }
        return node.asString();
    }

    private static long number(JsonNode json, String field) {
        JsonNode node = json.get(field);
        if (node == null || !node.isIntegralNumber() || !node.canConvertToLong()) {
            throw new IllegalArgumentException("missing or non-integer field '" + field + "'");
        }
        return node.longValue();
    }

    private static String describe(IOException e) {
        String message = e.getMessage();
        String kind = e instanceof java.net.ConnectException
                ? "connection refused or unreachable"
                : e.getClass().getSimpleName();
        return message == null || message.isBlank() ? kind : kind + " (" + message + ")";
    }

    static URI resolve(URI base, String relativePath) {
        String text = base.toString();
        return URI.create(text.endsWith("/") ? text + relativePath : text + "/" + relativePath);
    }

    @Override
    public void close() {
        http.close();
    }

    @Override
    public String toString() {
        return "ClocksyncClient[" + agentUri + "]";
    }

    /** A reading and the caller's monotonic time at which its interval holds. */
    record Measurement(TimeInterval interval, long atTicks) {}

    /** Configuration of a {@link ClocksyncClient}. */
    public static final class Builder {

        private URI agentUri;
        private Duration timeout = Duration.ofSeconds(1);
        private double maxDriftPpm = 100;
        private Ticker ticker = Ticker.system();

        private Builder() {}

        /** The agent's base URI, e.g. {@code http://localhost:8081}; required. */
        public Builder agentUri(URI agentUri) {
            Objects.requireNonNull(agentUri, "agentUri");
            String scheme = agentUri.getScheme();
            if (!"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme) || agentUri.getHost() == null) {
                throw new IllegalArgumentException(
                        "agentUri must be an absolute http(s) URI such as http://localhost:8081, got " + agentUri);
            }
            if (agentUri.getRawQuery() != null || agentUri.getRawFragment() != null) {
                throw new IllegalArgumentException("agentUri must have no query or fragment, got " + agentUri);
            }
            this.agentUri = agentUri;
            return this;
        }

        /**
         * The agent's base URI from the environment variable {@code CLOCKSYNC_AGENT_URL},
         * else {@link ClocksyncClient#DEFAULT_AGENT_URI}.
         */
        public Builder agentUriFromEnvironment() {
            String configured = System.getenv(AGENT_URL_VARIABLE);
            return agentUri(
                    configured == null || configured.isBlank() ? DEFAULT_AGENT_URI : URI.create(configured.strip()));
        }

        /** Connect and answer timeout of each request; default 1 s. */
        public Builder timeout(Duration timeout) {
            Objects.requireNonNull(timeout, "timeout");
            if (timeout.isNegative() || timeout.isZero()) {
                throw new IllegalArgumentException("timeout must be positive, got " + timeout);
            }
            this.timeout = timeout;
            return this;
        }

        /**
         * Bound on the rate error of the caller's monotonic clock ({@code System.nanoTime}), ppm; the
         * interval widens by this much per unit of time measured on it. Default 100 ppm: an
         * undisciplined quartz oscillator is typically within +/-50 ppm, and the node's own NTP daemon
         * may slew the monotonic clock too.
         */
        public Builder maxDriftPpm(double maxDriftPpm) {
            if (!(maxDriftPpm >= 0 && maxDriftPpm <= 100_000)) {
                throw new IllegalArgumentException("maxDriftPpm must be within 0..100000, got " + maxDriftPpm);
            }
            this.maxDriftPpm = maxDriftPpm;
            return this;
        }

        Builder ticker(Ticker ticker) {
            this.ticker = Objects.requireNonNull(ticker, "ticker");
            return this;
        }

        public ClocksyncClient build() {
            if (agentUri == null) {
                throw new IllegalStateException("agentUri is required");
            }
            return new ClocksyncClient(this);
        }
    }
}
