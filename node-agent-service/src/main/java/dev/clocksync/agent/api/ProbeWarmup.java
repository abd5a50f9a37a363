package dev.clocksync.agent.api;

import dev.clocksync.agent.clock.AgentProperties;
import java.io.IOException;
import java.io.InputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Sends the agent's own probe endpoint a burst of requests over loopback before it reports ready.
 * Until the JIT has compiled the request path, the time the server spends before T2 and after T3
 * varies by hundreds of microseconds, and half of that difference lands in the daemon's offset
 * estimate. Readiness follows the application-ready event, so in Kubernetes the daemon only
 * discovers the agent once the burst is over. Probes read the clock and change nothing.
 */
@Component
class ProbeWarmup {

    private static final Logger log = LoggerFactory.getLogger(ProbeWarmup.class);
    private static final Duration TIME_LIMIT = Duration.ofSeconds(15);

    private final int requests;

    ProbeWarmup(AgentProperties properties) {
        this.requests = properties.warmupRequests();
    }

    @EventListener
    void warmUp(ApplicationReadyEvent event) {
        if (requests == 0 || !(event.getApplicationContext() instanceof WebServerApplicationContext web)) {
            return;
        }
        String address = event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
        String host = address.contains(":") ? "[" + address + "]" : address;
        URI uri = URI.create("http://" + host + ":" + web.getWebServer().getPort() + ClockProbeFilter.PATH);
        long start = System.nanoTime();
        long deadline = start + TIME_LIMIT.toNanos();
        int sent = 0;
        try {
            while (sent < requests && System.nanoTime() < deadline) {
                HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
                connection.setConnectTimeout(1000);
                connection.setReadTimeout(1000);
                try (InputStream body = connection.getInputStream()) {
                    body.readAllBytes();
                }
                sent++;
            }
            log.info(
                    "Warmed up the probe path with {} requests in {} ms",
                    sent,
                    Duration.ofNanos(System.nanoTime() - start).toMillis());
        } catch (IOException e) {
            log.warn("Probe warm-up stopped after {} requests: {}", sent, e.toString());
        }
    }
}
