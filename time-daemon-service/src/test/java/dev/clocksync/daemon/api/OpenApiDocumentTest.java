package dev.clocksync.daemon.api;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.daemon.TimeDaemonApplication;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.Arrays;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** The daemon's OpenAPI document as a running daemon (without agents) serves it. */
class OpenApiDocumentTest {

    static final String[] ARGS = {
        "--server.port=0",
        "--server.address=127.0.0.1",
        "--clocksync.daemon.id=openapi-daemon",
        "--clocksync.daemon.interval=1h",
        "--clocksync.daemon.security.hmac-key=openapi-test-key-0123456789"
    };

    final HttpClient http = HttpClient.newHttpClient();

    @Test
    void theDocumentDescribesEveryEndpointAndTheSignedRound() throws Exception {
        try (ConfigurableApplicationContext daemon = start(ARGS)) {
            HttpResponse<String> response = get(daemon, "/v3/api-docs");

            assertThat(response.statusCode()).isEqualTo(200);
            JsonNode document = JsonMapper.builder().build().readTree(response.body());
            assertThat(document.path("info").path("title").asString()).isEqualTo("clocksync time daemon");
            JsonNode paths = document.path("paths");
            assertThat(paths.path("/api/v1/agents").has("get")).isTrue();
            assertThat(paths.path("/api/v1/rounds").has("get")).isTrue();
            assertThat(paths.path("/api/v1/rounds/latest").has("get")).isTrue();
            assertThat(paths.path("/api/v1/leader").has("get")).isTrue();
            assertThat(paths.path("/api/v1/rounds")
                            .path("post")
                            .path("security")
                            .toString())
                    .contains("hmac");
            assertThat(document.path("components")
                            .path("schemas")
                            .path("RoundRecord")
                            .path("properties")
                            .has("spreadNanos"))
                    .isTrue();
        }
    }

    @Test
    void aPropertyTurnsTheDocumentOff() throws Exception {
        String[] args = Stream.concat(Arrays.stream(ARGS), Stream.of("--springdoc.api-docs.enabled=false"))
                .toArray(String[]::new);
        try (ConfigurableApplicationContext daemon = start(args)) {
            assertThat(get(daemon, "/v3/api-docs").statusCode()).isEqualTo(404);
        }
    }

    private static ConfigurableApplicationContext start(String[] args) {
        return new SpringApplicationBuilder(TimeDaemonApplication.class).run(args);
    }

    private HttpResponse<String> get(ConfigurableApplicationContext context, String path) throws Exception {
        int port = ((WebServerApplicationContext) context).getWebServer().getPort();
        return http.send(
                HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
