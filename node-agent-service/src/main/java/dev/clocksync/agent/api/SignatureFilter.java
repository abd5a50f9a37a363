package dev.clocksync.agent.api;

import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.protocol.Problems;
import dev.clocksync.core.signing.RequestVerifier;
import dev.clocksync.core.signing.VerificationResult;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import jakarta.servlet.http.HttpServletResponse;
import java.io.BufferedReader;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Checks the HMAC signature of state-changing requests before anything reads them. The body is
 * read once, verified, and handed on unchanged; a refused request never reaches a controller.
 */
class SignatureFilter extends OncePerRequestFilter {

    private static final Logger log = LoggerFactory.getLogger(SignatureFilter.class);

    static final int MAX_BODY_BYTES = 16 * 1024;

    private final RequestVerifier verifier;
    private final Set<String> signedPaths;

    SignatureFilter(RequestVerifier verifier, Set<String> signedPaths) {
        this.verifier = verifier;
        this.signedPaths = signedPaths;
    }

    @Override
    protected boolean shouldNotFilter(HttpServletRequest request) {
        return HttpMethod.GET.matches(request.getMethod()) || !signedPaths.contains(request.getRequestURI());
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        byte[] body = request.getInputStream().readNBytes(MAX_BODY_BYTES + 1);
        if (body.length > MAX_BODY_BYTES) {
            writeProblem(
                    response, HttpStatus.CONTENT_TOO_LARGE, "Request body larger than " + MAX_BODY_BYTES + " bytes.");
            return;
        }
        String path = request.getQueryString() == null
                ? request.getRequestURI()
                : request.getRequestURI() + "?" + request.getQueryString();
        VerificationResult result = verifier.verify(
                request.getMethod(),
                path,
                request.getHeader(Headers.TIMESTAMP),
                request.getHeader(Headers.SIGNATURE),
                body);
        if (result != VerificationResult.VALID) {
            log.warn(
                    "Refused {} {} from {}: signature {}",
                    request.getMethod(),
                    path,
                    request.getRemoteAddr(),
                    result.name().toLowerCase(java.util.Locale.ROOT));
            response.setHeader("WWW-Authenticate", "HMAC-SHA256");
            writeProblem(response, HttpStatus.UNAUTHORIZED, explain(result));
            return;
        }
        chain.doFilter(new CachedBodyRequest(request, body), response);
    }

    private static String explain(VerificationResult result) {
        return switch (result) {
            case MISSING -> "Missing " + Headers.TIMESTAMP + " or " + Headers.SIGNATURE + " header.";
            case MALFORMED -> "Malformed " + Headers.TIMESTAMP + " or " + Headers.SIGNATURE + " header.";
            case STALE -> "Request timestamp outside the replay window.";
            case INVALID -> "Signature does not match the request.";
            case VALID -> throw new IllegalArgumentException("valid is not a refusal");
        };
    }

    private static void writeProblem(HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        String json = "{\"type\":\"%s\",\"title\":\"%s\",\"status\":%d,\"detail\":\"%s\"}"
                .formatted(
                        Problems.type(status == HttpStatus.UNAUTHORIZED ? "unauthorized" : "body-too-large"),
                        status.getReasonPhrase(),
                        status.value(),
                        detail);
        response.getOutputStream().write(json.getBytes(StandardCharsets.UTF_8));
    }

    private static final class CachedBodyRequest extends HttpServletRequestWrapper {

        private final byte[] body;

        CachedBodyRequest(HttpServletRequest request, byte[] body) {
            super(request);
            this.body = body;
        }

        @Override
        public ServletInputStream getInputStream() {
            ByteArrayInputStream in = new ByteArrayInputStream(body);
            return new ServletInputStream() {
                @Override
                public boolean isFinished() {
                    return in.available() == 0;
                }

                @Override
                public boolean isReady() {
                    return true;
                }

                @Override
                public void setReadListener(ReadListener listener) {
                    throw new UnsupportedOperationException("synchronous reads only");
                }

                @Override
                public int read() {
                    return in.read();
                }

                @Override
                public int read(byte[] b, int off, int len) {
                    return in.read(b, off, len);
                }
            };
        }

        @Override
        public BufferedReader getReader() {
            return new BufferedReader(new InputStreamReader(getInputStream(), StandardCharsets.UTF_8));
        }

        @Override
        public int getContentLength() {
            return body.length;
        }

        @Override
        public long getContentLengthLong() {
            return body.length;
        }
    }
}
