package dev.clocksync.systemtest.container;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The daemon's read API, as an operator would use it. */
final class DaemonApi {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final URI base;

    DaemonApi(String host, int port) {
        this.base = URI.create("http://" + host + ":" + port);
    }

    /** The latest rounds, newest first. */
    List<Round> rounds(int limit) {
        List<Round> rounds = new ArrayList<>();
        for (JsonNode round : get("/api/v1/rounds?limit=" + limit)) {
            rounds.add(Round.of(round));
        }
        return rounds;
    }

    /** The epoch the daemon last saw of an agent, by membership key. */
    String epochOf(String key) {
        for (JsonNode agent : get("/api/v1/agents").path("agents")) {
            if (key.equals(agent.path("key").asString())) {
                return agent.path("epoch").isNull() ? null : agent.path("epoch").asString();
            }
        }
        return null;
    }

    /** The body of a GET that must answer 200. */
    static String text(URI uri) {
        try {
            HttpResponse<String> response = HTTP.send(
                    HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(5)).build(),
                    HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + uri + " -> " + response.statusCode());
            }
            return response.body();
        } catch (IOException e) {
            throw new IllegalStateException("GET " + uri + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    static int status(String host, int port, String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://" + host + ":" + port + path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            return HTTP.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private JsonNode get(String path) {
        try {
            HttpRequest request = HttpRequest.newBuilder(base.resolve(path))
                    .timeout(Duration.ofSeconds(5))
                    .build();
            HttpResponse<String> response = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + " -> " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        } catch (IOException e) {
            throw new IllegalStateException("GET " + path + " failed", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** One round record: the fields these tests look at. */
    record Round(long round, String outcome, Long spreadNanos, List<AgentLine> agents) {

        static Round of(JsonNode node) {
            List<AgentLine> agents = new ArrayList<>();
            for (JsonNode agent : node.path("agents")) {
                agents.add(new AgentLine(
                        agent.path("key").asString(),
                        agent.path("state").asString(),
                        agent.path("epoch").isNull()
                                ? null
                                : agent.path("epoch").asString(),
                        agent.path("restarted").asBoolean(),
                        agent.path("adjustment").asString(),
                        agent.path("nodeOffsetNanos").isNumber()
                                ? agent.path("nodeOffsetNanos").asLong()
                                : null));
            }
            JsonNode spread = node.path("spreadNanos");
            return new Round(
                    node.path("round").asLong(),
                    node.path("outcome").asString(),
                    spread.isNumber() ? spread.asLong() : null,
                    agents);
        }

        AgentLine agent(String key) {
            return agents.stream()
                    .filter(a -> a.key().equals(key))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("round " + round + " has no agent " + key + ": " + agents));
        }

        long voting() {
            return agents.stream().filter(a -> a.state().equals("VOTING")).count();
        }
    }

    /** One agent's line in a round. */
    record AgentLine(
            String key, String state, String epoch, boolean restarted, String adjustment, Long nodeOffsetNanos) {}
}
