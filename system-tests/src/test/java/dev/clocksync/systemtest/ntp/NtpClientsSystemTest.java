package dev.clocksync.systemtest.ntp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.systemtest.process.Faketime;
import dev.clocksync.systemtest.process.FreePorts;
import dev.clocksync.systemtest.process.Prerequisites;
import dev.clocksync.systemtest.process.Prerequisites.Tool;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Real NTP clients against the agents' NTP servers: chrony (Debian's 4.x) in query mode and as a
 * full daemon that never touches the clock, and ntpsec's ntpdig. One agent's node clock is 30 s
 * ahead (libfaketime), and chrony then runs with that same clock, as the node's own time daemon
 * would. A third agent is never adjusted: it stays UNKNOWN and must be served as unsynchronized.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class NtpClientsSystemTest {

    static final String KEY = "ntp-clients-test-key-0123456789";
    static final JsonMapper JSON = JsonMapper.builder().build();
    /** ntpdig asks port 123 only; only root may bind it. */
    static final String PLAIN_NTP_ADDRESS = "127.0.0.123";

    Chrony chrony;
    Path faketime;
    Path work;
    boolean root;
    int fakedPort;
    int plainPort;
    int orphanPort;
    ServiceProcess faked;
    ServiceProcess plain;
    ServiceProcess orphan;
    ServiceProcess daemon;

    @BeforeAll
    void start() throws IOException {
        Path chronyd = Prerequisites.require(Tool.CHRONYD, "Debian/Ubuntu: apt-get install chrony");
        Path chronyc = Prerequisites.require(Tool.CHRONYC, "Debian/Ubuntu: apt-get install chrony");
        chrony = new Chrony(chronyd, chronyc);
        faketime = Faketime.require();
        work = ProjectPaths.workDirectory("ntp-clients");
        root = "root".equals(System.getProperty("user.name"));
        fakedPort = FreePorts.next();
        plainPort = root ? 123 : FreePorts.next();
        orphanPort = FreePorts.next();

        faked = agent("faked", fakedPort, "127.0.0.1", Faketime.environment(faketime, "+30s"));
        plain = agent("plain", plainPort, root ? PLAIN_NTP_ADDRESS : "127.0.0.1", Map.of());
        orphan = agent("orphan", orphanPort, "127.0.0.1", Map.of());
        for (ServiceProcess agent : List.of(faked, plain, orphan)) {
            agent.awaitReady(Duration.ofSeconds(300));
        }
        List<String> args = new ArrayList<>(List.of("--clocksync.daemon.id=daemon", "--clocksync.daemon.interval=1s"));
        List<ServiceProcess> discovered = List.of(faked, plain);
        for (int i = 0; i < discovered.size(); i++) {
            String instance = "--spring.cloud.discovery.client.simple.instances.clocksync-agent[" + i + "].";
            args.add(instance + "uri=" + discovered.get(i).baseUri());
            args.add(instance + "instance-id=" + (i == 0 ? "faked" : "plain"));
        }
        daemon = ServiceProcess.fromJar(ProjectPaths.daemonJar())
                .name("daemon")
                .logDirectory(work)
                .env("CLOCKSYNC_HMAC_KEY", KEY)
                .args(args.toArray(String[]::new))
                .start()
                .awaitReady(Duration.ofSeconds(300));
    }

    private ServiceProcess agent(String id, int ntpPort, String ntpAddress, Map<String, String> environment) {
        ServiceProcess.Builder builder = ServiceProcess.fromJar(ProjectPaths.agentJar())
                .name("agent-" + id)
                .logDirectory(work)
                .env("CLOCKSYNC_HMAC_KEY", KEY)
                .args(
                        "--clocksync.agent.id=" + id,
                        "--clocksync.agent.discipline.update-interval=1s",
                        "--clocksync.agent.warmup-requests=200",
                        "--clocksync.agent.ntp.port=" + ntpPort,
                        "--clocksync.agent.ntp.address=" + ntpAddress);
        environment.forEach(builder::env);
        return builder.start();
    }

    @AfterAll
    void stop() {
        for (ServiceProcess process : new ServiceProcess[] {daemon, faked, plain, orphan}) {
            if (process != null) {
                process.close();
            }
        }
    }

    /**
     * chrony runs on this machine's clock, as a client elsewhere would: what it measures is the
     * cluster time minus this clock. The faked agent's node clock is this clock plus 30 s exactly,
     * so cluster time minus this clock is 30 s minus the agent's node offset. (chrony itself under
     * libfaketime sees its packets' kernel timestamps unfaked and rejects them.)
     */
    @Test
    @Order(1)
    void chronysOffsetOfTheFakedAgentIsThirtySecondsMinusItsNodeOffset() throws Exception {
        awaitSynced(faked);
        double fromChrony = chrony.query(fakedPort, work.resolve("chronyd-Q-faked.log"));
        double nodeOffset = nodeOffsetSeconds(faked);
        assertThat(fromChrony)
                .as("chrony: cluster time minus this machine's clock, s (node offset %.6f s)", nodeOffset)
                .isCloseTo(30 - nodeOffset, org.assertj.core.data.Offset.offset(200e-6));
        assertThat(Math.abs(nodeOffset))
                .as("the node really is far from the cluster time")
                .isGreaterThan(1);
    }

    @Test
    @Order(2)
    void chronydSelectsTheSynchronizedAgentAndHoldsTheUnknownOneUnusable() throws Exception {
        awaitSynced(faked);
        try (Chrony.Daemon onSynced = chrony.daemon(fakedPort, work.resolve("chronyd-synced"));
                Chrony.Daemon onUnknown = chrony.daemon(orphanPort, work.resolve("chronyd-unknown"))) {
            String selected = await("chronyd selects the synchronized agent")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(onSynced::sourceState, line -> line.startsWith("^*"));
            assertThat(selected).contains("127.0.0.1");
            String heard = await("chronyd has had a few answers from the unknown agent")
                    .atMost(Duration.ofSeconds(60))
                    .pollInterval(Duration.ofMillis(500))
                    .until(onUnknown::ntpData, data -> received(data) >= 3);
            assertThat(heard)
                    .as("what the unknown agent answered")
                    .contains("Not synchronised")
                    .containsPattern("Stratum\\s*: 16");
            assertThat(onUnknown.sourceState())
                    .as("an agent serving the alarm is not usable")
                    .startsWith("^?");
        }
        assertThat(JSON.readTree(orphan.get("/api/v1/time").body())
                        .path("status")
                        .asString())
                .isEqualTo("UNKNOWN");
    }

    @Test
    @Order(3)
    void ntpdigAgreesWithTheAgentsNodeOffset() throws Exception {
        Prerequisites.require(root, "ntpdig asks port 123 only, which only root may serve");
        Path ntpdig = Prerequisites.require(Tool.NTPDIG, "Debian/Ubuntu: apt-get install ntpsec-ntpdig");
        awaitSynced(plain);
        Process process = new ProcessBuilder(ntpdig.toString(), "-j", "-p", "4", "-t", "5", PLAIN_NTP_ADDRESS)
                .redirectErrorStream(true)
                .start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        Files.writeString(work.resolve("ntpdig.json"), output);
        double offset = JSON.readTree(output.lines()
                        .filter(l -> l.startsWith("{"))
                        .findFirst()
                        .orElseThrow(() -> new AssertionError("ntpdig printed no JSON:\n" + output)))
                .path("offset")
                .asDouble();
        double nodeOffset = nodeOffsetSeconds(plain);
        assertThat(offset)
                .as("ntpdig's offset, s (node offset %.6f s): %s", nodeOffset, output)
                .isCloseTo(-nodeOffset, org.assertj.core.data.Offset.offset(500e-6));
    }

    @Test
    @Order(4)
    void badPacketsGetNoAnswerAFloodGetsARateKissAndTheAgentStaysHealthy() throws Exception {
        InetAddress address = InetAddress.getByName("127.0.0.1");
        try (DatagramSocket client = new DatagramSocket(0, address)) {
            client.setSoTimeout(500);
            for (byte[] bad : List.of(
                    packet(0x16), // version 2, mode 6 (control): ntpq's
                    packet(0x17), // version 2, mode 7 (private): the old monlist amplifier
                    packet(0x21), // version 4, mode 1 (symmetric active)
                    new byte[10])) {
                client.send(new DatagramPacket(bad, bad.length, address, orphanPort));
                assertThat(answer(client)).as("answer to a bad packet").isNull();
            }
            byte[] request = packet(0x23); // version 4, client
            for (int i = 0; i < 200; i++) {
                client.send(new DatagramPacket(request, request.length, address, orphanPort));
            }
            int answers = 0;
            int kisses = 0;
            byte[] reply;
            while ((reply = answer(client)) != null) {
                answers++;
                if (reply[1] == 0 && new String(reply, 12, 4).equals("RATE")) {
                    kisses++;
                }
            }
            assertThat(kisses).as("RATE kisses").isGreaterThanOrEqualTo(1);
            assertThat(answers).as("answers to a flood of 200").isLessThanOrEqualTo(20);
        }
        assertThat(orphan.get("/readyz").statusCode()).isEqualTo(200);
        String metrics = orphan.get("/actuator/prometheus").body();
        assertThat(metrics).containsPattern("clocksync_ntp_requests_total\\{[^}]*result=\"dropped\"[^}]*\\} [1-9]");
        assertThat(metrics)
                .containsPattern("clocksync_ntp_requests_total\\{[^}]*result=\"rate-limited\"[^}]*\\} [1-9]");
    }

    private static byte[] packet(int firstByte) {
        byte[] packet = new byte[48];
        packet[0] = (byte) firstByte;
        return packet;
    }

    private static byte[] answer(DatagramSocket client) throws IOException {
        DatagramPacket in = new DatagramPacket(new byte[512], 512);
        try {
            client.receive(in);
            return java.util.Arrays.copyOf(in.getData(), in.getLength());
        } catch (SocketTimeoutException none) {
            return null;
        }
    }

    /** The "Total RX" count of chronyc ntpdata. */
    private static int received(String ntpData) {
        return ntpData.lines()
                .filter(l -> l.startsWith("Total RX"))
                .map(l -> l.substring(l.indexOf(':') + 1).trim())
                .mapToInt(Integer::parseInt)
                .findFirst()
                .orElse(0);
    }

    /**
     * Until the agent is SYNCED within a millisecond. A backward step is held (the served time
     * never runs backward), and the hold counts in the error bound, which the NTP server sends as
     * root dispersion: chrony rightly refuses a server still holding a 15 s step.
     */
    private static void awaitSynced(ServiceProcess agent) {
        await(agent + " SYNCED within 1 ms")
                .atMost(Duration.ofSeconds(90))
                .pollInterval(Duration.ofMillis(500))
                .until(() -> {
                    JsonNode time = JSON.readTree(agent.get("/api/v1/time").body());
                    return time.path("status").asString().equals("SYNCED")
                            && time.path("errorBoundNanos").asLong() < 1_000_000;
                });
    }

    private static double nodeOffsetSeconds(ServiceProcess agent) throws IOException, InterruptedException {
        return agent.get("/actuator/prometheus")
                .body()
                .lines()
                .filter(l -> l.startsWith("clocksync_node_clock_offset_seconds"))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)))
                .findFirst()
                .orElseThrow();
    }
}
