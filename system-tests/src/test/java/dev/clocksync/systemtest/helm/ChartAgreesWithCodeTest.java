package dev.clocksync.systemtest.helm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.clocksync.systemtest.helm.ManifestChecks.Workload;
import dev.clocksync.systemtest.helm.Manifests.Manifest;
import dev.clocksync.systemtest.process.ManagedProcess;
import dev.clocksync.systemtest.process.ProjectPaths;
import dev.clocksync.systemtest.process.ServiceProcess;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServicePort;
import io.fabric8.kubernetes.api.model.coordination.v1.Lease;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The chart and the code agree: the built daemon jar, started with exactly the environment the
 * chart renders for the daemon container (downward-API fields and the Secret resolved as the
 * kubelet would), finds in a mock API server the EndpointSlice of the chart's headless agent
 * Service (as the EndpointSlice controller would write it, with the Service's ports), which points
 * at two real agent processes started with the chart's agent environment, and leads on the chart's
 * Lease. The rendered {@code helm test} script then passes against it.
 */
@EnableKubernetesMockClient(crud = true, https = false)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ChartAgreesWithCodeTest {

    static final String NAMESPACE = "clocksync";
    static final List<String> AGENT_ADDRESSES = List.of("127.0.0.2", "127.0.0.3");
    static final JsonMapper JSON = JsonMapper.builder().build();
    static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    static KubernetesClient client;

    List<Manifest> manifests;
    Workload daemonWorkload;
    final List<ManagedProcess> agents = new ArrayList<>();
    final List<String> agentPods = new ArrayList<>();
    final List<String> agentNodes = new ArrayList<>();
    final List<String> agentZones = new ArrayList<>();
    ServiceProcess daemon;
    String daemonPod;

    @BeforeAll
    void start() {
        manifests = Manifests.parse(Tools.render(
                "clocksync",
                NAMESPACE,
                List.of("-f", resource("helm/agreement-values.yaml").toString())));
        daemonWorkload = ManifestChecks.workload(manifests, "daemon");
        Workload agentWorkload = ManifestChecks.workload(manifests, "agent");
        Service agentService = Manifests.as(
                Manifests.one(
                        manifests,
                        "Service",
                        ManifestChecks.value(daemonWorkload, "CLOCKSYNC_DAEMON_AGENT_SERVICE_ID")),
                Service.class);
        Path logs = ProjectPaths.workDirectory("helm-agreement");

        int port = portFreeOnAll(AGENT_ADDRESSES);
        // The daemon's agent port is the Service port named by its discovery.port-name (default http).
        String portName = ManifestChecks.env(daemonWorkload).containsKey("CLOCKSYNC_DAEMON_DISCOVERY_PORT_NAME")
                ? ManifestChecks.value(daemonWorkload, "CLOCKSYNC_DAEMON_DISCOVERY_PORT_NAME")
                : "http";
        assertThat(agentService.getSpec().getPorts())
                .extracting(ServicePort::getName)
                .as("the agents' Service names the daemon's agent port")
                .contains(portName);
        EndpointSliceBuilder slice = new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(agentService.getMetadata().getName() + "-7xk2p")
                .withNamespace(NAMESPACE)
                .addToLabels(
                        "kubernetes.io/service-name", agentService.getMetadata().getName())
                .endMetadata()
                .withAddressType("IPv4");
        for (ServicePort servicePort : agentService.getSpec().getPorts()) {
            slice.addNewPort()
                    .withName(servicePort.getName())
                    .withProtocol(servicePort.getProtocol())
                    .withPort(servicePort.getName().equals(portName) ? port : servicePort.getPort())
                    .endPort();
        }
        for (int i = 0; i < AGENT_ADDRESSES.size(); i++) {
            String address = AGENT_ADDRESSES.get(i);
            String pod = agentWorkload.manifest().name() + "-5d8f7c9b4-x" + i;
            String node = "node-" + (i + 1);
            String zone = "zone-" + (char) ('a' + i);
            agentPods.add(pod);
            agentNodes.add(node);
            agentZones.add(zone);
            Map<String, String> env = resolve(agentWorkload.container(), pod, node);
            List<String> command = List.of(
                    java(),
                    "-XX:+UseSerialGC",
                    "-Xmx64m",
                    "-jar",
                    ProjectPaths.agentJar().toString(),
                    "--server.address=" + address,
                    "--server.port=" + port);
            agents.add(ManagedProcess.start(pod, command, env, logs.resolve(pod + ".log")));
            slice.addNewEndpoint()
                    .addToAddresses(address)
                    .withNewConditions()
                    .withReady(true)
                    .endConditions()
                    .withNodeName(node)
                    .withZone(zone)
                    .withNewTargetRef()
                    .withKind("Pod")
                    .withName(pod)
                    .withNamespace(NAMESPACE)
                    .withUid("uid-" + pod)
                    .endTargetRef()
                    .endEndpoint();
        }

        client.services().inNamespace(NAMESPACE).resource(agentService).create();
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NAMESPACE)
                .resource(slice.build())
                .create();
        for (int i = 0; i < agents.size(); i++) {
            awaitReady(agents.get(i), URI.create("http://" + AGENT_ADDRESSES.get(i) + ":" + port + "/readyz"));
        }

        daemonPod = daemonWorkload.manifest().name() + "-6b7c8d9f5-q1";
        ServiceProcess.Builder builder =
                ServiceProcess.fromJar(ProjectPaths.daemonJar()).name(daemonPod).logDirectory(logs);
        resolve(daemonWorkload.container(), daemonPod, "node-1").forEach(builder::env);
        // What a pod has by itself: Spring's platform detection (KUBERNETES_SERVICE_HOST) and the
        // API server's address; here the mock, and no kubeconfig of the machine's.
        builder.env("SPRING_MAIN_CLOUD_PLATFORM", "KUBERNETES")
                .env(
                        "SPRING_CLOUD_KUBERNETES_CLIENT_MASTER_URL",
                        client.getMasterUrl().toString())
                .env("KUBECONFIG", logs.resolve("no-kubeconfig").toString());
        daemon = builder.start().awaitReady(Duration.ofSeconds(150));
    }

    @AfterAll
    void stop() {
        if (daemon != null) {
            daemon.close();
        }
        agents.forEach(ManagedProcess::close);
    }

    @Test
    void daemonLeadsOnTheChartsLeaseAndSyncsTheChartsAgents() throws Exception {
        String leaseName = ManifestChecks.value(daemonWorkload, "CLOCKSYNC_DAEMON_LEADER_LEASE_NAME");
        assertThat(ManifestChecks.leaseNames(manifests)).containsExactly(leaseName);

        JsonNode leader = await("daemon leads")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/v1/leader"), node -> node.path("leader").asBoolean());
        assertThat(leader.path("mode").asString()).isEqualTo("lease");
        assertThat(leader.path("self").asString())
                .as("daemon id from the downward API")
                .isEqualTo(daemonPod);
        Lease lease = client.leases().inNamespace(NAMESPACE).withName(leaseName).get();
        assertThat(lease).as("Lease " + leaseName + " in the mock API server").isNotNull();
        assertThat(lease.getSpec().getHolderIdentity()).isEqualTo(daemonPod);

        // An agent's id is in its latest result only once a round has reached it: on a loaded
        // machine the first round's probes may time out.
        JsonNode agentsView = await("daemon lists the chart's agents, each reached")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(
                        () -> get("/api/v1/agents"),
                        node -> node.path("count").asInt() == agentPods.size()
                                && node.path("agents")
                                        .valueStream()
                                        .noneMatch(agent -> agent.path("last")
                                                .path("agentId")
                                                .asString()
                                                .isEmpty()));
        List<String> pods = new ArrayList<>();
        List<String> nodes = new ArrayList<>();
        List<String> zones = new ArrayList<>();
        List<String> ids = new ArrayList<>();
        for (JsonNode agent : agentsView.path("agents")) {
            pods.add(agent.path("last").path("pod").asString());
            nodes.add(agent.path("last").path("node").asString());
            zones.add(agent.path("last").path("zone").asString());
            ids.add(agent.path("last").path("agentId").asString());
        }
        assertThat(pods).as("pod names from the EndpointSlice").containsExactlyInAnyOrderElementsOf(agentPods);
        assertThat(nodes).as("node names from the EndpointSlice").containsExactlyInAnyOrderElementsOf(agentNodes);
        assertThat(zones).as("zones from the EndpointSlice").containsExactlyInAnyOrderElementsOf(agentZones);
        assertThat(ids).as("agent ids from the downward API").containsExactlyInAnyOrderElementsOf(agentPods);

        await("a round with every agent voting and corrected under the shared key")
                .atMost(Duration.ofSeconds(60))
                .pollInterval(Duration.ofMillis(200))
                .until(() -> get("/api/v1/rounds/latest"), round -> {
                    JsonNode results = round.path("agents");
                    if (results.size() != agentPods.size()) {
                        return false;
                    }
                    for (JsonNode result : results) {
                        if (!result.path("state").asString().equals("VOTING")
                                || !List.of("SLEWED", "STEPPED", "DUPLICATE")
                                        .contains(result.path("adjustment").asString())) {
                            return false;
                        }
                    }
                    return true;
                });
    }

    /** The helm test hook's script, as rendered, against the daemon: passes, and fails when it should. */
    @Test
    void renderedHelmTestPassesAgainstTheDaemonAndCanFail() {
        Pod pod = Manifests.as(Manifests.ofKind(manifests, "Pod").get(0), Pod.class);
        Container check = pod.getSpec().getContainers().get(0);
        assertThat(check.getCommand()).containsExactly("bash", "-c");
        String script = check.getArgs().get(0);
        Map<String, String> env = new LinkedHashMap<>();
        check.getEnv().forEach(e -> env.put(e.getName(), e.getValue()));
        assertThat(env.get("EXPECTED_AGENTS")).isEqualTo(String.valueOf(agentPods.size()));
        env.put("DAEMON_HOST", "127.0.0.1");
        env.put("DAEMON_PORT", String.valueOf(daemon.port()));
        env.put("TIMEOUT_SECONDS", "60");

        Tools.Result passed = Tools.run(List.of("bash", "-c", script), env);
        assertThat(passed.exitCode()).as(passed.stderr() + passed.stdout()).isZero();
        assertThat(passed.stdout()).contains("ok: latest round: 2 agents, 2 voting");

        env.put("EXPECTED_AGENTS", "3");
        env.put("TIMEOUT_SECONDS", "3");
        Tools.Result failed = Tools.run(List.of("bash", "-c", script), env);
        assertThat(failed.exitCode()).isNotZero();
        assertThat(failed.stderr()).contains("failed after 3s");
    }

    private JsonNode get(String path) throws IOException, InterruptedException {
        daemon.process().assertAlive();
        HttpResponse<String> response = daemon.get(path);
        return response.statusCode() == 200 ? JSON.readTree(response.body()) : JSON.createObjectNode();
    }

    /** The container's environment as the kubelet would set it for a pod of this name on this node. */
    private Map<String, String> resolve(Container container, String pod, String node) {
        Map<String, String> env = new LinkedHashMap<>();
        for (EnvVar var : container.getEnv()) {
            if (var.getValueFrom() == null) {
                env.put(var.getName(), var.getValue() == null ? "" : var.getValue());
            } else if (var.getValueFrom().getFieldRef() != null) {
                String field = var.getValueFrom().getFieldRef().getFieldPath();
                env.put(
                        var.getName(),
                        switch (field) {
                            case "metadata.name" -> pod;
                            case "metadata.namespace" -> NAMESPACE;
                            case "spec.nodeName" -> node;
                            default -> throw new AssertionError("unexpected downward-API field " + field);
                        });
            } else if (var.getValueFrom().getSecretKeyRef() != null) {
                var ref = var.getValueFrom().getSecretKeyRef();
                Secret secret = Manifests.as(Manifests.one(manifests, "Secret", ref.getName()), Secret.class);
                env.put(
                        var.getName(),
                        new String(
                                Base64.getDecoder().decode(secret.getData().get(ref.getKey())),
                                StandardCharsets.UTF_8));
            } else {
                throw new AssertionError("unexpected env source for " + var.getName());
            }
        }
        return env;
    }

    private static void awaitReady(ManagedProcess process, URI readyz) {
        await(process.name() + " ready")
                .atMost(Duration.ofSeconds(150))
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    process.assertAlive();
                    return HTTP.send(
                                            HttpRequest.newBuilder(readyz)
                                                    .timeout(Duration.ofSeconds(2))
                                                    .build(),
                                            HttpResponse.BodyHandlers.discarding())
                                    .statusCode()
                            == 200;
                });
    }

    /** The endpoints of one slice share its ports: one port free on every agent address. */
    private static int portFreeOnAll(List<String> addresses) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (ServerSocket probe = new ServerSocket(0, 1, InetAddress.getByName(addresses.get(0)))) {
                port = probe.getLocalPort();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            if (addresses.stream().allMatch(address -> free(address, port))) {
                return port;
            }
        }
        throw new IllegalStateException("no port free on all of " + addresses);
    }

    private static boolean free(String address, int port) {
        try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getByName(address))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private static Path resource(String name) {
        try {
            return Path.of(ChartAgreesWithCodeTest.class
                    .getClassLoader()
                    .getResource(name)
                    .toURI());
        } catch (java.net.URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String java() {
        return ProcessHandle.current()
                .info()
                .command()
                .orElseGet(() ->
                        Path.of(System.getProperty("java.home"), "bin", "java").toString());
    }
}
