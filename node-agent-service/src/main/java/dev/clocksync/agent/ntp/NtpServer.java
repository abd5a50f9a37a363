package dev.clocksync.agent.ntp;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.core.clock.ClockState;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.ntp.ClientRateLimiter;
import dev.clocksync.core.ntp.NtpTime;
import dev.clocksync.core.ntp.ServerState;
import dev.clocksync.core.time.TimeSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeStamp;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Serves the agent's cluster time over NTP (RFC 5905 server mode) so that the node's own time
 * daemon (chrony, systemd-timesyncd, ntpd) can discipline the node's kernel clock from it.
 *
 * <p>Only client-mode requests of NTP versions 3 and 4 are answered, in the request's version:
 * control (6) and private (7) modes, symmetric and broadcast packets, other versions and short
 * packets are dropped and counted, so the server amplifies nothing. The receive timestamp is read
 * as soon as the datagram is in, the transmit timestamp just before the answer is sent, both from
 * the disciplined clock without the monotonic hold (as probes are). While the clock is unknown or
 * has gone uncorrected for {@code ntp.max-free-running}, answers carry the alarm (leap indicator
 * 3, stratum 16): clients then do not use this agent. Root dispersion is the clock's error bound,
 * the reference timestamp its last correction, the reference id the adjusting daemon's address.
 * Each client is rate-limited ({@link ClientRateLimiter}).
 */
@Component
class NtpServer implements SmartLifecycle {

    private static final Logger log = LoggerFactory.getLogger(NtpServer.class);
    private static final int PACKET_BYTES = 48;
    private static final int PRECISION = -20; // about a microsecond
    private static final int KISS_RATE = ascii("RATE");
    private static final int NOT_SYNCHRONIZED = ascii("INIT");

    private final DisciplinedClock clock;
    private final AdjustmentService adjustments;
    private final AgentProperties.Ntp settings;
    private final String bindAddress;
    private final ClientRateLimiter limiter;
    private final Counter served;
    private final Counter rateLimited;
    private final Counter dropped;

    private volatile DatagramSocket socket;

    NtpServer(
            DisciplinedClock clock,
            AdjustmentService adjustments,
            AgentProperties properties,
            TimeSource timeSource,
            Environment environment,
            MeterRegistry registry) {
        this.clock = clock;
        this.adjustments = adjustments;
        this.settings = properties.ntp();
        this.bindAddress = settings.address() != null && !settings.address().isBlank()
                ? settings.address()
                : environment.getProperty("server.address");
        AgentProperties.RateLimit limit = settings.rateLimit();
        this.limiter = new ClientRateLimiter(timeSource, limit.burst(), limit.perSecond(), limit.maxClients());
        this.served = requests(registry, "served", "Client requests answered with the cluster time");
        this.rateLimited = requests(
                registry,
                "rate-limited",
                "Client requests over the rate limit: a RATE kiss at most once a second, else none");
        this.dropped = requests(
                registry, "dropped", "Packets dropped unanswered: malformed, not client mode, not NTPv3 or v4");
        Gauge.builder(
                        "clocksync.ntp.synchronized",
                        this,
                        server -> server.serverState().synchronizedClock() ? 1 : 0)
                .description("1 while NTP answers carry the cluster time as usable; 0 while they carry the alarm")
                .register(registry);
        for (AgentProperties.NodeClockMode mode : AgentProperties.NodeClockMode.values()) {
            Gauge.builder("clocksync.node.clock.mode", settings, s -> s.nodeClockMode() == mode ? 1 : 0)
                    .description("1 for what this installation does with the node's clock (observe, serve, discipline)")
                    .tag("mode", mode.name().toLowerCase(java.util.Locale.ROOT))
                    .register(registry);
        }
    }

    private ServerState serverState() {
        ClockState state = clock.state();
        return ServerState.of(
                state.status(),
                state.errorBoundNanos(),
                state.sinceUpdateNanos(),
                clock.unheldNanos(),
                settings.stratum(),
                settings.maxFreeRunning().toNanos());
    }

    private static Counter requests(MeterRegistry registry, String result, String description) {
        return Counter.builder("clocksync.ntp.requests")
                .description("NTP requests by what became of them")
                .tag("result", result)
                .register(registry);
    }

    /** The bound UDP port, or -1 when the server does not run. */
    int port() {
        DatagramSocket current = socket;
        return current == null ? -1 : current.getLocalPort();
    }

    @Override
    public void start() {
        if (!settings.enabled()) {
            return;
        }
        try {
            InetSocketAddress address = bindAddress == null
                    ? new InetSocketAddress(settings.port())
                    : new InetSocketAddress(InetAddress.getByName(bindAddress), settings.port());
            socket = new DatagramSocket(address);
        } catch (IOException e) {
            throw new UncheckedIOException(
                    "cannot bind the NTP server to UDP " + (bindAddress == null ? "*" : bindAddress) + ":"
                            + settings.port()
                            + " (clocksync.agent.ntp.port, clocksync.agent.ntp.enabled=false to turn it off)",
                    e);
        }
        DatagramSocket bound = socket;
        Thread.ofPlatform().name("clocksync-ntp").daemon(true).start(() -> serve(bound));
        log.info("Serving NTP on UDP {}", bound.getLocalSocketAddress());
    }

    private void serve(DatagramSocket bound) {
        byte[] buffer = new byte[1024];
        DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
        while (!bound.isClosed()) {
            try {
                packet.setLength(buffer.length);
                bound.receive(packet);
                long receiveNanos = clock.unheldNanos();
                answer(bound, packet, receiveNanos);
            } catch (SocketException closed) {
                return;
            } catch (IOException | RuntimeException e) {
                log.debug("NTP request from {} failed: {}", packet.getSocketAddress(), e.toString());
            }
        }
    }

    private void answer(DatagramSocket bound, DatagramPacket packet, long receiveNanos) throws IOException {
        if (packet.getLength() < PACKET_BYTES) {
            dropped.increment();
            return;
        }
        NtpV3Impl request = new NtpV3Impl();
        request.setDatagramPacket(packet);
        int version = request.getVersion();
        if (request.getMode() != NtpV3Packet.MODE_CLIENT || version < 3 || version > 4) {
            dropped.increment();
            return;
        }
        ClientRateLimiter.Decision decision = limiter.admit(packet.getAddress());
        if (decision == ClientRateLimiter.Decision.DROP) {
            rateLimited.increment();
            return;
        }
        NtpV3Impl response = new NtpV3Impl();
        response.setMode(NtpV3Packet.MODE_SERVER);
        response.setVersion(version);
        response.setPoll(request.getPoll());
        response.setPrecision(PRECISION);
        response.setOriginateTimeStamp(request.getTransmitTimeStamp());
        if (decision == ClientRateLimiter.Decision.KISS) {
            rateLimited.increment();
            response.setLeapIndicator(ServerState.ALARM);
            response.setStratum(0);
            response.setReferenceId(KISS_RATE);
        } else {
            served.increment();
            ServerState server = serverState();
            response.setLeapIndicator(server.leapIndicator());
            response.setStratum(server.stratum());
            response.setRootDelay(0);
            response.setRootDispersion(NtpTime.shortFormat(server.rootDispersionNanos()));
            response.setReferenceId(server.synchronizedClock() ? referenceId() : NOT_SYNCHRONIZED);
            response.setReferenceTime(
                    new TimeStamp(server.referenceNanos() == 0 ? 0 : NtpTime.timestamp(server.referenceNanos())));
            response.setReceiveTimeStamp(new TimeStamp(NtpTime.timestamp(receiveNanos)));
        }
        DatagramPacket out = response.getDatagramPacket();
        out.setSocketAddress(packet.getSocketAddress());
        if (decision == ClientRateLimiter.Decision.SERVE) {
            response.setTransmitTime(new TimeStamp(NtpTime.timestamp(clock.unheldNanos())));
        }
        bound.send(out);
    }

    /**
     * The upstream's id, as RFC 5905 has it for stratum 2 and above: the IPv4 address of the
     * daemon that last adjusted this clock, or for another address the first four bytes of its MD5.
     */
    private int referenceId() {
        InetAddress daemon = adjustments.lastDaemonAddress();
        if (daemon == null) {
            return NOT_SYNCHRONIZED;
        }
        byte[] bytes = daemon.getAddress();
        if (bytes.length != 4) {
            try {
                bytes = MessageDigest.getInstance("MD5").digest(bytes);
            } catch (NoSuchAlgorithmException e) {
                throw new IllegalStateException("every Java platform has MD5", e);
            }
        }
        return ((bytes[0] & 0xFF) << 24) | ((bytes[1] & 0xFF) << 16) | ((bytes[2] & 0xFF) << 8) | (bytes[3] & 0xFF);
    }

    private static int ascii(String code) {
        byte[] bytes = code.getBytes(StandardCharsets.US_ASCII);
        return (bytes[0] << 24) | (bytes[1] << 16) | (bytes[2] << 8) | bytes[3];
    }

    @Override
    public void stop() {
        DatagramSocket current = socket;
        socket = null;
        if (current != null) {
            current.close();
        }
    }

    @Override
    public boolean isRunning() {
        return socket != null;
    }
}
