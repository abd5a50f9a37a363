package dev.clocksync.agent;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The agent's OpenAPI document as a running agent serves it, the filter-served probe included. */
class OpenApiDocumentTest {

    static final String[] ARGS = {
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--clocksync.agent.id=openapi-agent",
        "--clocksync.agent.warmup-requests=0",
        "--clocksync.agent.security.hmac-key=openapi-test-key-0123456789"
    };

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDocumentDescribesEveryEndpointWithTheProbeAndTheSignature() throws Exception {
        try (ConfigurableApplicationContext agent =
                new SpringApplicationBuilder(NodeAgentApplication.class).run(ARGS)) {
            HttpResponse<String> response = get(agent, "/v3/api-docs");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = JsonMapper.builder().build().readTree(response.body());
            assertThat(document.path("openapi").asString()).startsWith("3.");
            assertThat(document.path("info").path("title").asString()).isEqualTo("clocksync node agent");
            JsonNode paths = document.path("paths");
            assertThat(paths.path("/api/v1/clock")
                            .path("get")
                            .path("operationId")
                            .asString())
                    .isEqualTo("probe");
            assertThat(paths.path("/api/v1/time").has("get")).isTrue();
            assertThat(paths.path("/api/v1/clock/state").has("get")).isTrue();
            assertThat(paths.path("/api/v1/clock/adjustments")
                            .path("post")
                            .path("security")
                            .toString())
                    .contains("hmac");
            JsonNode schemas = document.path("components").path("schemas");
            assertThat(schemas.path("ProbeAnswer").path("properties").has("receiveNanos"))
                    .isTrue();
            assertThat(schemas.path("AdjustmentRequest").path("properties").has("correctionNanos"))
                    .isTrue();
        }
    }

    @Test
    void aPropertyTurnsTheDocumentOff() throws Exception {
        String[] args = java.util.stream.Stream.concat(
                        java.util.Arrays.stream(ARGS), java.util.stream.Stream.of("--springdoc.api-docs.enabled=false"))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext agent =
                new SpringApplicationBuilder(NodeAgentApplication.class).run(args)) {
            assertThat(get(agent, "/v3/api-docs").statusCode()).isEqualTo(404);
        }
    }

    private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
