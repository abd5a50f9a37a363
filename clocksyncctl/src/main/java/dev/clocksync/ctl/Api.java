package dev.clocksync.ctl;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** JSON over HTTP to one agent or daemon; every failure becomes a {@link CtlException} with its exit code. */
final class Api {

    static final JsonMapper JSON = JsonMapper.builder().build();

    private final URI base;
    private final Duration timeout;
    private final HttpClient http;

    Api(URI base, Duration timeout) {
        this.base = base;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(timeout)
                .build();
    }

    URI base() {
        return base;
    }

    /** The path as the server sees it, for signatures. */
    String serverPath(String path) {
        return uri(path).getRawPath();
    }

    JsonNode get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET(), "GET", path);
    }

    JsonNode post(String path, byte[] body, Map<String, String> headers) {
        HttpRequest.Builder request =
                HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        headers.forEach(request::header);
        return send(request, "POST", path);
    }

    private URI uri(String path) {
        String text = base.toString();
        return URI.create((text.endsWith("/") ? text.substring(0, text.length() - 1) : text) + path);
    }

    private JsonNode send(HttpRequest.Builder request, String method, String path) {
        HttpResponse<String> response;
        try {
            response = http.send(
                    request.timeout(timeout)
                            .header("Accept", "application/json")
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            throw new CtlException(Exit.UNREACHABLE, base + " did not answer within " + Format.duration(timeout));
        } catch (ConnectException e) {
            throw new CtlException(
                    Exit.UNREACHABLE, "cannot connect to " + base + " (is it running, and is the URL right?)");
        } catch (IOException e) {
            throw new CtlException(Exit.UNREACHABLE, "cannot reach " + base + ": " + e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CtlException(Exit.INTERNAL, "interrupted");
        }
        JsonNode body = parse(response.body());
        if (response.statusCode() / 100 != 2) {
            throw new CtlException(
                    Exit.REFUSED,
                    method + " " + path + " on " + base + ": HTTP " + response.statusCode() + problem(body));
        }
        if (body == null) {
            throw new CtlException(
                    Exit.REFUSED,
                    method + " " + path + " on " + base + " answered no JSON; is this a clocksync service?");
        }
        return body;
    }

    private static JsonNode parse(String body) {
        if (body == null || body.isBlank()) {
            return null;
        }
        try {
            return JSON.readTree(body);
        } catch (JacksonException e) {
            return null;
        }
    }

    private static String problem(JsonNode body) {
        if (body == null || !body.isObject()) {
            return "";
        }
        String title = body.path("title").asString("");
        String detail = body.path("detail").asString("");
        String text = (title + (title.isEmpty() || detail.isEmpty() ? "" : ": ") + detail).strip();
        return text.isEmpty() ? "" : " " + text;
    }
}
