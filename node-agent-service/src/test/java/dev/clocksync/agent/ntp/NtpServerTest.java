package dev.clocksync.agent.ntp;

import static org.assertj.core.api.Assertions.assertThat;

import dev.clocksync.agent.adjust.AdjustmentService;
import dev.clocksync.agent.clock.AgentIdentity;
import dev.clocksync.agent.clock.AgentProperties;
import dev.clocksync.core.clock.ClockPolicy;
import dev.clocksync.core.clock.DisciplinedClock;
import dev.clocksync.core.ntp.NtpTime;
import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.signing.ProbeNonces;
import dev.clocksync.core.time.HostOscillator;
import dev.clocksync.core.time.ManualTimeSource;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.commons.net.ntp.NTPUDPClient;
import org.apache.commons.net.ntp.NtpV3Impl;
import org.apache.commons.net.ntp.NtpV3Packet;
import org.apache.commons.net.ntp.TimeInfo;
import org.apache.commons.net.ntp.TimeStamp;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.source.MapConfigurationPropertySource;
import org.springframework.core.env.StandardEnvironment;

/** The agent's NTP server on loopback, its clock in fake time, asked by Commons Net's client. */
class NtpServerTest {

    static final long START = 1_795_000_000_123_456_789L;
    static final InetAddress LOOPBACK = InetAddress.getLoopbackAddress();

    final ManualTimeSource time = new ManualTimeSource(START);
    final DisciplinedClock clock = new DisciplinedClock(new HostOscillator(time), time, ClockPolicy.defaults());
    final ProbeNonces nonces = new ProbeNonces(time, Duration.ofSeconds(30));
    final SimpleMeterRegistry registry = new SimpleMeterRegistry();
    AdjustmentService adjustments;
    NtpServer server;

    @BeforeEach
    void start() {
        AgentProperties properties = properties(Map.of());
        adjustments = new AdjustmentService(clock, new AgentIdentity("agent-1", "e"), properties, time, nonces);
        server = new NtpServer(clock, adjustments, properties, time, new StandardEnvironment(), registry);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop();
    }

    @Test
    void anUnsynchronizedClockIsServedWithTheAlarmSoThatClientsIgnoreIt() throws IOException {
        TimeInfo info = ask(4);
        NtpV3Packet answer = info.getMessage();
        assertThat(answer.getMode()).isEqualTo(NtpV3Packet.MODE_SERVER);
        assertThat(answer.getLeapIndicator()).isEqualTo(3);
        assertThat(answer.getStratum()).isEqualTo(16);
        assertThat(answer.getReferenceId()).as("INIT").isEqualTo(0x494E4954);
        assertThat(served()).isEqualTo(1);
    }

    @Test
    void aSynchronizedClockIsServedWithItsTimeItsErrorBoundAndItsDaemon() throws IOException {
        adjustments.apply(
                new AdjustmentRequest("daemon", 1L, 1L, 250_000_000L, 0L, 2_000_000L, nonces.issue()),
                InetAddress.getByName("10.0.1.9"));
        time.advance(Duration.ofSeconds(1));

        for (int version : new int[] {3, 4}) {
            NtpV3Packet answer = ask(version).getMessage();
            assertThat(answer.getVersion()).as("the request's version").isEqualTo(version);
            assertThat(answer.getLeapIndicator()).isZero();
            assertThat(answer.getStratum()).isEqualTo(10);
            assertThat(answer.getReferenceId()).as("10.0.1.9").isEqualTo(0x0A000109);
            long now = clock.unheldNanos();
            assertThat(NtpTime.epochNanos(answer.getReceiveTimeStamp().ntpValue()))
                    .isEqualTo(now);
            assertThat(NtpTime.epochNanos(answer.getTransmitTimeStamp().ntpValue()))
                    .isEqualTo(now);
            assertThat(NtpTime.epochNanos(answer.getReferenceTimeStamp().ntpValue()))
                    .as("the last correction, a second ago")
                    .isEqualTo(now - 1_000_000_000L);
            assertThat(answer.getRootDispersion())
                    .as("the error bound: 2 ms + 15 ppm of a second, 16.16 seconds")
                    .isEqualTo(NtpTime.shortFormat(clock.read().errorBoundNanos()));
            assertThat(answer.getRootDelay()).isZero();
        }
    }

    @Test
    void aClockUncorrectedForLongerThanTheLimitIsServedWithTheAlarm() throws IOException {
        adjustments.apply(new AdjustmentRequest("daemon", 1L, 1L, 0L, 0L, 0L, nonces.issue()));
        time.advance(Duration.ofMinutes(5));
        assertThat(ask(4).getMessage().getLeapIndicator()).isZero();
        time.advance(Duration.ofSeconds(1));
        assertThat(ask(4).getMessage().getLeapIndicator()).isEqualTo(3);
    }

    @Test
    void theOriginateTimestampEchoesTheRequestsTransmitTimestamp() throws IOException {
        NtpV3Impl request = request(4, NtpV3Packet.MODE_CLIENT);
        TimeStamp sent = new TimeStamp(0xE1234567_89ABCDEFL);
        request.setTransmitTime(sent);
        NtpV3Impl answer = exchange(request.getDatagramPacket().getData(), 48);
        assertThat(answer.getOriginateTimeStamp().ntpValue()).isEqualTo(sent.ntpValue());
    }

    @Test
    void controlPrivateAndOtherModesShortPacketsAndOldVersionsGetNoAnswer() throws IOException {
        Map<String, byte[]> packets = new HashMap<>();
        packets.put("mode 6 (control)", request(2, 6).getDatagramPacket().getData());
        packets.put("mode 7 (private)", request(2, 7).getDatagramPacket().getData());
        packets.put(
                "mode 1 (symmetric)",
                request(4, NtpV3Packet.MODE_SYMMETRIC_ACTIVE)
                        .getDatagramPacket()
                        .getData());
        packets.put(
                "mode 5 (broadcast)",
                request(4, NtpV3Packet.MODE_BROADCAST).getDatagramPacket().getData());
        packets.put(
                "version 2 client",
                request(2, NtpV3Packet.MODE_CLIENT).getDatagramPacket().getData());
        packets.put("12 bytes", new byte[12]);
        for (Map.Entry<String, byte[]> packet : packets.entrySet()) {
            int length = packet.getValue().length;
            assertThat(exchange(packet.getValue(), length)).as(packet.getKey()).isNull();
        }
        assertThat(registry.get("clocksync.ntp.requests")
                        .tag("result", "dropped")
                        .counter()
                        .count())
                .isEqualTo(packets.size());
        assertThat(served()).isZero();
    }

    @Test
    void aFloodIsServedUpToTheBurstThenKissedOnceThenDropped() throws IOException {
        int answered = 0;
        int kisses = 0;
        try (DatagramSocket client = new DatagramSocket(0, LOOPBACK)) {
            client.setSoTimeout(300);
            byte[] request =
                    request(4, NtpV3Packet.MODE_CLIENT).getDatagramPacket().getData();
            for (int i = 0; i < 40; i++) {
                client.send(new DatagramPacket(request, 48, LOOPBACK, server.port()));
            }
            byte[] buffer = new byte[1024];
            while (true) {
                DatagramPacket in = new DatagramPacket(buffer, buffer.length);
                try {
                    client.receive(in);
                } catch (SocketTimeoutException quiet) {
                    break;
                }
                NtpV3Impl answer = new NtpV3Impl();
                answer.setDatagramPacket(in);
                if (answer.getStratum() == 0 && answer.getReferenceIdString().equals("RATE")) {
                    kisses++;
                } else {
                    answered++;
                }
            }
        }
        assertThat(answered).as("the burst").isEqualTo(16);
        assertThat(kisses).as("one RATE kiss a second").isEqualTo(1);
        assertThat(registry.get("clocksync.ntp.requests")
                        .tag("result", "rate-limited")
                        .counter()
                        .count())
                .isEqualTo(24);
        assertThat(served()).isEqualTo(16);
    }

    @Test
    void aDisabledServerBindsNothing() {
        NtpServer disabled = new NtpServer(
                clock,
                adjustments,
                properties(Map.of("clocksync.agent.ntp.enabled", "false")),
                time,
                new StandardEnvironment(),
                registry);
        disabled.start();
        assertThat(disabled.isRunning()).isFalse();
        assertThat(disabled.port()).isEqualTo(-1);
    }

    private TimeInfo ask(int version) throws IOException {
        try (NTPUDPClient client = new NTPUDPClient()) {
            client.setDefaultTimeout(Duration.ofSeconds(5));
            client.setVersion(version);
            client.open();
            return client.getTime(LOOPBACK, server.port());
        }
    }

    /** Sends raw bytes; the answer, or null when none comes within 300 ms. */
    private NtpV3Impl exchange(byte[] bytes, int length) throws IOException {
        try (DatagramSocket client = new DatagramSocket(0, LOOPBACK)) {
            client.setSoTimeout(300);
            client.send(new DatagramPacket(bytes, length, LOOPBACK, server.port()));
            DatagramPacket in = new DatagramPacket(new byte[1024], 1024);
            try {
                client.receive(in);
            } catch (SocketTimeoutException none) {
                return null;
            }
            NtpV3Impl answer = new NtpV3Impl();
            answer.setDatagramPacket(in);
            return answer;
        }
    }

    private static NtpV3Impl request(int version, int mode) {
        NtpV3Impl request = new NtpV3Impl();
        request.setVersion(version);
        request.setMode(mode);
        request.setTransmitTime(TimeStamp.getCurrentTime());
        return request;
    }

    private double served() {
        return registry.get("clocksync.ntp.requests")
                .tag("result", "served")
                .counter()
                .count();
    }

    private static AgentProperties properties(Map<String, String> extra) {
        Map<String, String> values =
                new HashMap<>(Map.of("clocksync.agent.ntp.port", "0", "clocksync.agent.ntp.address", "127.0.0.1"));
        values.putAll(extra);
        return new Binder(new MapConfigurationPropertySource(values))
                .bindOrCreate("clocksync.agent", AgentProperties.class);
    }
}
