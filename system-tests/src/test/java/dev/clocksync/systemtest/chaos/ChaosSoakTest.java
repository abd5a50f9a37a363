package dev.clocksync.systemtest.chaos;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.core.protocol.AdjustmentRequest;
import dev.clocksync.core.protocol.Headers;
import dev.clocksync.core.signing.RequestSigner;
import dev.clocksync.systemtest.process.FreePorts;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A chaos soak: two daemon replicas electing a leader on a (mock) Kubernetes Lease, five agents
 * as real processes behind delaying proxies, and for a bounded time (about 4 minutes; {@code
 * -Dclocksync.soak.duration=PT30M} for longer) random faults one after another: kill -9 and
 * restart of agents and of the leader, SIGSTOP pauses of both, delay spikes on the path, and one
 * rogue adjustment with a term far above the leader's. Checked throughout and at the end, from
 * outside and from the processes' own logs: published time never decreases on any agent once
 * synchronized; no (term, round) is applied twice; once an agent has applied a term, no lower
 * term is applied but after the rogue's expiry; every adjustment a round record claims was applied, the agent did
 * apply, and what the agent applied without a record is accounted for; after every fault the
 * true spread (the simulated clocks know their error) is back below 1 ms within 10 rounds.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChaosSoakTest {

    static final String NAMESPACE = "chaos";
    static final String KEY = "chaos-soak-key-0123456789";
    static final int AGENTS = 5;
    static final Duration INTERVAL = Duration.ofSeconds(1);
    static final Duration LEASE = Duration.ofSeconds(4);
    static final long MS = 1_000_000;
    static final long ROGUE_TERM = 1_000_000_000_000L;
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofMillis(500)).build();

    static KubernetesClient client;

    final Duration soak = Duration.parse(System.getProperty("clocksync.soak.duration", "PT4M"));
    final long seed = Long.getLong("clocksync.soak.seed", 20261201L);
    final Map<String, Member> agents = new LinkedHashMap<>();
    final Map<String, Member> daemons = new LinkedHashMap<>();
    final List<String> violations = new CopyOnWriteArrayList<>();
    final Map<String, Long> lastPublished = new ConcurrentHashMap<>();
    /** {monotonic nanos, true spread nanos, agents in it, agents up}. */
    final List<long[]> spreads = new CopyOnWriteArrayList<>();

    final List<FaultRecord> faults = new ArrayList<>();
    Path logs;
    long soakStart;
    volatile boolean monitoring = true;

    /** One service: how to start it again, and its current process (null while down). */
    static final class Member {
        final String name;
        final ServiceProcess.Builder builder;
        final URI uri;
        volatile ServiceProcess process;
        final AtomicInteger generation = new AtomicInteger();
        volatile boolean paused;
        DelayProxy proxy;

        Member(String name, ServiceProcess.Builder builder, URI uri) {
            this.name = name;
            this.builder = builder;
            this.uri = uri;
        }

        void start() {
            generation.incrementAndGet();
            process = builder.start();
        }

        boolean up() {
            return process != null && !paused && process.process().isAlive();
        }
    }

    record FaultRecord(String fault, double atSeconds, double recoveredAfterSeconds, long maxSpreadNanos) {}

    @BeforeAll
    void start() throws IOException {
        logs = ProjectPaths.workDirectory("chaos-soak");
        int proxyPort = FreePorts.next();
        EndpointSliceBuilder slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withName("clocksync-agent-c4h8s")
                .withNamespace(NAMESPACE)
                .addToLabels("kubernetes.io/service-name", "clocksync-agent")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort()
                .withName("http")
                .withPort(proxyPort)
                .withProtocol("TCP")
                .endPort();
        for (int i = 1; i <= AGENTS; i++) {
            String pod = "agent-" + i;
            int port = FreePorts.next();
            ServiceProcess.Builder builder = ServiceProcess.fromJar(ProjectPaths.agentJar())
                    .name(pod)
                    .port(port)
                    .logDirectory(logs)
                    .env("CLOCKSYNC_HMAC_KEY", KEY)
                    .args(
                            "--clocksync.agent.id=" + pod,
                            "--clocksync.agent.clock.mode=simulated",
                            "--clocksync.agent.clock.simulated.random-offset=500ms",
                            "--clocksync.agent.clock.simulated.random-drift-ppm=100",
                            "--clocksync.agent.discipline.step-threshold=1ms",
                            "--clocksync.agent.discipline.update-interval=" + INTERVAL.toMillis() + "ms",
                            "--clocksync.agent.term-expiry=" + LEASE.toMillis() + "ms",
                            "--clocksync.agent.warmup-requests=200",
                            "--logging.level.dev.clocksync.agent.adjust=DEBUG");
            Member agent = new Member(pod, builder, URI.create("http://127.0.0.1:" + port));
            InetAddress address = InetAddress.getByName("127.0.0." + (10 + i));
            agent.proxy = new DelayProxy(address, proxyPort, port);
            agents.put(pod, agent);
            slice.addNewEndpoint()
                    .addToAddresses(address.getHostAddress())
                    .withNewConditions()
                    .withReady(true)
                    .endConditions()
                    .withNodeName("node-" + i)
                    .withNewTargetRef()
                    .withKind("Pod")
                    .withName(pod)
                    .withNamespace(NAMESPACE)
                    .withUid("uid-" + pod)
                    .endTargetRef()
                    .endEndpoint();
        }
        client.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName("clocksync-agent")
                        .withNamespace(NAMESPACE)
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("None")
                        .addNewPort()
                        .withName("http")
                        .withPort(proxyPort)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NAMESPACE)
                .resource(slice.build())
                .create();
        agents.values().forEach(Member::start);

        for (String id : List.of("daemon-a", "daemon-b")) {
            int port = FreePorts.next();
            ServiceProcess.Builder builder = ServiceProcess.fromJar(ProjectPaths.daemonJar())
                    .name(id)
                    .port(port)
                    .logDirectory(logs)
                    .env("CLOCKSYNC_HMAC_KEY", KEY)
                    .env("SPRING_MAIN_CLOUD_PLATFORM", "KUBERNETES")
                    .env(
                            "SPRING_CLOUD_KUBERNETES_CLIENT_MASTER_URL",
                            client.getMasterUrl().toString())
                    .env("SPRING_CLOUD_KUBERNETES_CLIENT_NAMESPACE", NAMESPACE)
                    .env("KUBECONFIG", logs.resolve("no-kubeconfig").toString())
                    .args(
                            "--clocksync.daemon.id=" + id,
                            "--clocksync.daemon.interval=" + INTERVAL.toMillis() + "ms",
                            "--clocksync.daemon.leader.lease-duration=" + LEASE.toMillis() + "ms",
                            "--clocksync.daemon.leader.renew-deadline=3s",
                            "--clocksync.daemon.leader.retry-period=1s",
                            "--logging.level.dev.clocksync.daemon.rounds=DEBUG");
            Member daemon = new Member(id, builder, URI.create("http://127.0.0.1:" + port));
            daemons.put(id, daemon);
            daemon.start();
        }
        agents.values().forEach(a -> a.process.awaitReady(Duration.ofSeconds(300)));
        daemons.values().forEach(d -> d.process.awaitReady(Duration.ofSeconds(300)));
        for (Member agent : agents.values()) {
            Thread.ofVirtual().name("watch-" + agent.name).start(() -> watchPublishedTime(agent));
        }
        Thread.ofVirtual().name("watch-spread").start(this::watchTrueSpread);
    }

    @AfterAll
    void stop() throws IOException {
        monitoring = false;
        for (Member member : daemons.values()) {
            closeQuietly(member);
        }
        for (Member member : agents.values()) {
            closeQuietly(member);
            if (member.proxy != null) {
                member.proxy.close();
            }
        }
        System.out.println("chaos soak: logs in " + logs);
    }

    @Test
    void clocksStayTogetherAndTheRulesHoldThroughRandomFaults() throws Exception {
        Random random = new Random(seed);
        System.out.printf("chaos soak: seed %d (-Dclocksync.soak.seed), duration %s%n", seed, soak);
        long start = System.nanoTime();
        soakStart = start;
        awaitRecovery("start: every agent synchronized", start, Duration.ofSeconds(120));
        List<Runnable> kinds = new ArrayList<>(List.of(
                () -> killAndRestartAgent(random),
                () -> pauseAgent(random),
                () -> delaySpike(random),
                this::killAndRestartLeader,
                this::pauseLeader,
                this::rogueTerm));
        List<Runnable> order = new ArrayList<>(kinds);
        Collections.shuffle(order, random);
        int next = 0;
        while (System.nanoTime() - start < soak.toNanos() || next < kinds.size()) {
            // After one of each, anything but a second rogue term (the last kind).
            Runnable fault = next < order.size() ? order.get(next) : kinds.get(random.nextInt(kinds.size() - 1));
            next++;
            fault.run();
        }

        printTable();
        assertThat(faults).as("faults injected").hasSizeGreaterThanOrEqualTo(kinds.size());
        assertThat(violations).as("published time went backward").isEmpty();
        monitoring = false;
        for (Member daemon : daemons.values()) {
            closeQuietly(daemon);
        }
        checkTheLogs();
    }

    private void killAndRestartAgent(Random random) {
        Member agent = pick(random);
        long at = System.nanoTime();
        agent.process.process().kill();
        lastPublished.remove(agent.name);
        agent.start();
        agent.process.awaitReady(Duration.ofSeconds(300));
        awaitRecovery("kill -9 and restart " + agent.name, at, roundsOf(10));
    }

    private void pauseAgent(Random random) {
        Member agent = pick(random);
        long at = System.nanoTime();
        agent.paused = true;
        agent.process.process().pause();
        parkSeconds(3 + random.nextInt(3));
        agent.process.process().resume();
        agent.paused = false;
        awaitRecovery("SIGSTOP " + agent.name + " for a few seconds", at, roundsOf(10));
    }

    private void delaySpike(Random random) {
        Member agent = pick(random);
        long at = System.nanoTime();
        agent.proxy.spike(Duration.ofSeconds(10).toNanos(), 5_000);
        parkSeconds(10);
        awaitRecovery("0-5 ms delay spike on " + agent.name + "'s path, 10 s", at, roundsOf(10));
    }

    private void killAndRestartLeader() {
        Member leader = leader();
        long at = System.nanoTime();
        leader.process.process().kill();
        leader.start();
        leader.process.awaitReady(Duration.ofSeconds(300));
        awaitRecovery(
                "kill -9 and restart the leader " + leader.name,
                at,
                roundsOf(10).plus(LEASE));
    }

    private void pauseLeader() {
        Member leader = leader();
        long at = System.nanoTime();
        leader.paused = true;
        leader.process.process().pause();
        // Longer than the lease: the other replica takes over while this one is frozen, and must
        // not move a clock with its old term when it wakes up.
        await().atMost(LEASE.multipliedBy(4))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> {
                    Member other = daemons.values().stream()
                            .filter(d -> d != leader)
                            .findFirst()
                            .orElseThrow();
                    return isLeader(other);
                });
        leader.process.process().resume();
        leader.paused = false;
        awaitRecovery(
                "SIGSTOP the leader " + leader.name + " past its lease",
                at,
                roundsOf(10).plus(LEASE));
    }

    private void rogueTerm() {
        Member agent = agents.get("agent-3");
        long at = System.nanoTime();
        try {
            JsonNode probe = JSON.readTree(get(agent.uri, "/api/v1/clock"));
            AdjustmentRequest rogue = new AdjustmentRequest(
                    "rogue",
                    ROGUE_TERM,
                    1L,
                    0L,
                    0L,
                    0L,
                    null, // no basis: a rogue does not care what it replaces
                    null,
                    probe.path("nonce").asString(),
                    null);
            byte[] body = JSON.writeValueAsBytes(rogue);
            long millis = System.currentTimeMillis();
            String path = "/api/v1/clock/adjustments";
            HttpResponse<String> answer = HTTP.send(
                    HttpRequest.newBuilder(agent.uri.resolve(path))
                            .header("Content-Type", "application/json")
                            .header(Headers.TIMESTAMP, Long.toString(millis))
                            .header(
                                    Headers.SIGNATURE,
                                    new RequestSigner(KEY.getBytes(StandardCharsets.UTF_8))
                                            .sign("POST", path, millis, body))
                            .POST(HttpRequest.BodyPublishers.ofByteArray(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode())
                    .as("the rogue adjustment: " + answer.body())
                    .isEqualTo(200);
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException(e);
        }
        // The rogue term fences the leader out until it expires; then the leader is followed again.
        awaitRecovery(
                "a rogue adjustment of term 10^12 to agent-3", at, roundsOf(10).plus(LEASE));
    }

    private Duration roundsOf(int rounds) {
        return INTERVAL.multipliedBy(rounds);
    }

    /**
     * Waits until every agent runs, answers SYNCED and the true spread among them is below 1 ms;
     * records how long that took after the fault's end (this call) and the worst spread since the
     * fault's start. Recovery must come within {@code allowed}: the await fails the test otherwise.
     */
    private void awaitRecovery(String fault, long faultStart, Duration allowed) {
        long faultEnd = System.nanoTime();
        long recovered = await(fault + ": every agent synchronized, true spread back below 1 ms")
                .atMost(allowed.plusSeconds(2))
                .pollInterval(Duration.ofMillis(100))
                .until(() -> recoveredSince(faultEnd), t -> t != null);
        long worst = spreads.stream()
                .filter(s -> s[0] >= faultStart && s[0] <= recovered)
                .mapToLong(s -> s[1])
                .max()
                .orElse(0);
        faults.add(new FaultRecord(fault, (faultStart - soakStart) / 1e9, (recovered - faultEnd) / 1e9, worst));
    }

    /** When, since {@code since}, the whole cluster was first back within 1 ms; null if not yet. */
    private Long recoveredSince(long since) {
        for (long[] sample : spreads) {
            if (sample[0] >= since && sample[1] < MS && sample[2] == AGENTS && sample[3] == AGENTS) {
                return sample[0];
            }
        }
        return null;
    }

    private void watchPublishedTime(Member agent) {
        while (monitoring) {
            int generation = agent.generation.get();
            if (agent.up()) {
                try {
                    JsonNode time = JSON.readTree(get(agent.uri, "/api/v1/time"));
                    // Never synchronized (a fresh start): the time claims nothing, and the first
                    // correction may step it either way. From then on it must never decrease.
                    if (!time.path("status").asString().equals("UNKNOWN")) {
                        long published = time.path("epochNanos").asLong();
                        String key = agent.name + "#" + generation;
                        Long before = lastPublished.put(key, published);
                        if (before != null && published < before && agent.generation.get() == generation) {
                            violations.add(agent.name + ": published " + published + " after " + before);
                        }
                    }
                } catch (IOException | RuntimeException e) {
                    // down, paused or restarting: nothing to judge
                } catch (InterruptedException e) {
                    return;
                }
            }
            parkMillis(50);
        }
    }

    private void watchTrueSpread() {
        while (monitoring) {
            long min = Long.MAX_VALUE;
            long max = Long.MIN_VALUE;
            int read = 0;
            int up = 0;
            for (Member agent : agents.values()) {
                if (!agent.up()) {
                    continue;
                }
                up++;
                try {
                    Long offset = trueOffsetNanos(agent);
                    if (offset != null) {
                        min = Math.min(min, offset);
                        max = Math.max(max, offset);
                        read++;
                    }
                } catch (IOException | RuntimeException e) {
                    // a restart in progress
                } catch (InterruptedException e) {
                    return;
                }
            }
            if (read >= 2) {
                spreads.add(new long[] {System.nanoTime(), max - min, read, up});
            }
            parkMillis(200);
        }
    }

    private static Long trueOffsetNanos(Member agent) throws IOException, InterruptedException {
        String status =
                JSON.readTree(get(agent.uri, "/api/v1/time")).path("status").asString();
        if (!status.equals("SYNCED")) {
            return null; // a restarted agent before its first correction is not in the cluster yet
        }
        return get(agent.uri, "/actuator/prometheus")
                .lines()
                .filter(l -> l.startsWith("clocksync_clock_true_offset_seconds"))
                .map(l -> Math.round(Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1)) * 1e9))
                .findFirst()
                .orElse(null);
    }

    private Member pick(Random random) {
        List<Member> list = new ArrayList<>(agents.values());
        return list.get(random.nextInt(list.size()));
    }

    private Member leader() {
        return await("a leader")
                .atMost(LEASE.multipliedBy(4))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> daemons.values().stream()
                                .filter(d -> d.up() && isLeader(d))
                                .findFirst()
                                .orElse(null),
                        d -> d != null);
    }

    private static boolean isLeader(Member daemon) {
        try {
            return JSON.readTree(get(daemon.uri, "/api/v1/leader"))
                    .path("leader")
                    .asBoolean();
        } catch (IOException | RuntimeException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private static String get(URI base, String path) throws IOException, InterruptedException {
        HttpResponse<String> response = HTTP.send(
                HttpRequest.newBuilder(base.resolve(path))
                        .timeout(Duration.ofSeconds(1))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode());
        }
        return response.body();
    }

    private void printTable() {
        System.out.println("[figures] chaos soak: at (s) | fault | recovered after (s) | worst true spread (us)");
        for (FaultRecord fault : faults) {
            System.out.printf(
                    "[figures]   %6.1f | %-55s | %6.1f | %10.1f%n",
                    fault.atSeconds(), fault.fault(), fault.recoveredAfterSeconds(), fault.maxSpreadNanos() / 1e3);
        }
    }

    /**
     * What the agents did against what the daemons recorded, from their logs (which outlive a
     * kill -9): every (term, round) applied once; terms never going back within an agent's life
     * but after the rogue's; every adjustment a record claims applied, applied; every applied one
     * recorded, or lost with a daemon that was stopped in that round, or the rogue.
     */
    private void checkTheLogs() throws IOException {
        Pattern appliedLine = Pattern.compile("Applied -?\\d+ ns \\((\\w+)\\) from (\\S+) term (\\d+) round (\\d+)");
        Map<String, Set<List<Long>>> applied = new HashMap<>();
        int rogueApplied = 0;
        for (Member agent : agents.values()) {
            Set<List<Long>> seen = new HashSet<>();
            long highest = -1;
            for (String line : Files.readAllLines(logs.resolve(agent.name + ".log"))) {
                if (line.contains("Starting NodeAgentApplication")) {
                    highest = -1; // a new life: a fresh fence
                }
                Matcher m = appliedLine.matcher(line);
                if (!m.find()) {
                    continue;
                }
                long term = Long.parseLong(m.group(3));
                long round = Long.parseLong(m.group(4));
                assertThat(seen.add(List.of(term, round)))
                        .as("%s applied term %d round %d twice", agent.name, term, round)
                        .isTrue();
                if (term == ROGUE_TERM) {
                    rogueApplied++;
                    continue;
                }
                assertThat(term)
                        .as("%s applied term %d after term %d (a deposed leader)", agent.name, term, highest)
                        .isGreaterThanOrEqualTo(highest);
                highest = term;
            }
            assertThat(seen).as(agent.name + " applied adjustments").isNotEmpty();
            applied.put(agent.name, seen);
        }
        assertThat(rogueApplied).as("the rogue adjustment, applied once").isEqualTo(1);

        Pattern agentLine = Pattern.compile("agent term=(\\d+) round=(\\d+) agent=(\\S+) .* adjustment=(\\w+)");
        Pattern settledLine = Pattern.compile("settled term=(\\d+) round=(\\d+) agent=(\\S+) adjustment=(\\w+)");
        Map<String, Set<List<Long>>> claimed = new HashMap<>();
        Map<String, Set<List<Long>>> unsettled = new HashMap<>();
        Map<Long, Long> lastLoggedRound = new HashMap<>();
        for (Member daemon : daemons.values()) {
            for (String line : Files.readAllLines(logs.resolve(daemon.name + ".log"))) {
                Matcher m = agentLine.matcher(line);
                Matcher s = settledLine.matcher(line);
                Matcher which = m.find() ? m : s.find() ? s : null;
                if (which == null) {
                    continue;
                }
                long term = Long.parseLong(which.group(1));
                long round = Long.parseLong(which.group(2));
                lastLoggedRound.merge(term, round, Math::max);
                String outcome = which.group(4);
                List<Long> key = List.of(term, round);
                if (Set.of("SLEWED", "STEPPED", "APPLIED").contains(outcome)) {
                    claimed.computeIfAbsent(which.group(3), k -> new HashSet<>())
                            .add(key);
                    unsettled.getOrDefault(which.group(3), new HashSet<>()).remove(key);
                } else if (outcome.equals("UNCONFIRMED")) {
                    unsettled
                            .computeIfAbsent(which.group(3), k -> new HashSet<>())
                            .add(key);
                }
            }
        }
        int lostWithADaemon = 0;
        for (Member agent : agents.values()) {
            Set<List<Long>> byAgent = applied.get(agent.name);
            Set<List<Long>> byRecords = claimed.getOrDefault(agent.name, Set.of());
            assertThat(byAgent)
                    .as("%s applied every adjustment the round records say it applied", agent.name)
                    .containsAll(byRecords);
            for (List<Long> adjustment : byAgent) {
                if (byRecords.contains(adjustment) || adjustment.get(0) == ROGUE_TERM) {
                    continue;
                }
                boolean unsettledAnswer =
                        unsettled.getOrDefault(agent.name, Set.of()).contains(adjustment);
                boolean roundNeverLogged = adjustment.get(1) > lastLoggedRound.getOrDefault(adjustment.get(0), -1L);
                assertThat(unsettledAnswer || roundNeverLogged)
                        .as(
                                "%s applied term %d round %d, which no record accounts for",
                                agent.name, adjustment.get(0), adjustment.get(1))
                        .isTrue();
                if (roundNeverLogged) {
                    lostWithADaemon++;
                }
            }
        }
        System.out.printf(
                "[figures] chaos soak: %d applied adjustments lost their record with a stopped daemon%n",
                lostWithADaemon);
        assertThat(lostWithADaemon)
                .as("adjustments whose round died with its daemon (at most one per daemon stop)")
                .isLessThanOrEqualTo(AGENTS * (2 + faults.size()));
    }

    private static void closeQuietly(Member member) {
        if (member.process != null) {
            if (member.paused) {
                member.process.process().resume();
            }
            member.process.close();
        }
    }

    private static void parkSeconds(int seconds) {
        parkMillis(seconds * 1000L);
    }

    private static void parkMillis(long millis) {
        java.util.concurrent.locks.LockSupport.parkNanos(millis * 1_000_000);
    }
}
