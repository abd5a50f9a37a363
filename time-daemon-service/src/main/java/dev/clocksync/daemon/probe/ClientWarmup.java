package dev.clocksync.daemon.probe;

import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.Reference;
import dev.clocksync.daemon.discovery.AgentEndpoint;
import java.net.URI;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Runs the daemon's side of probes and adjustments against its own web server (which answers both
 * with 404) before the first round: class loading, JSON binding, signing and the JDK's HTTP client
 * would otherwise all happen inside the first round and could push it past its deadline. The web
 * server starts before the round scheduler, so this finishes before any round.
 */
@Component
class ClientWarmup {

    private static final Logger log = LoggerFactory.getLogger(ClientWarmup.class);
    private static final int REQUESTS = 200;
    private static final Duration TIME_LIMIT = Duration.ofSeconds(10);

    private final AgentClient client;

    ClientWarmup(AgentClient client) {
        this.client = client;
    }

    @EventListener
    void warmUp(WebServerInitializedEvent event) {
        String address = event.getApplicationContext().getEnvironment().getProperty("server.address", "127.0.0.1");
        String host = address.contains(":") ? "[" + address + "]" : address;
        AgentEndpoint self = new AgentEndpoint(
                "warm-up",
                URI.create("http://" + host + ":" + event.getWebServer().getPort()),
                "",
                "");
        AdjustmentRequest request =
                new AdjustmentRequest("warm-up", 0L, 0L, 0L, 0L, 0L, 0L, 0L, "warm-up", Reference.CONSENSUS);
        long start = System.nanoTime();
        long deadline = start + TIME_LIMIT.toNanos();
        int sent = 0;
        while (sent < REQUESTS && System.nanoTime() < deadline) {
            client.adjust(self, request);
            try {
                client.probe(self);
            } catch (RuntimeException expected) {
                // 404: the daemon serves no probes; the request and response paths ran all the same
            }
            sent++;
        }
        log.info(
                "Warmed up the agent client with {} probes and adjustments in {} ms",
                sent,
                Duration.ofNanos(System.nanoTime() - start).toMillis());
    }
}
