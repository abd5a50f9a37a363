package dev.clocksync.daemon.kubernetes;

import dev.clocksync.daemon.TestAgents;
import dev.clocksync.daemon.TimeDaemonApplication;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The agents' headless Service and its EndpointSlices in the mock API server, and daemons pointed at it. */
final class MockCluster {

    static final String NAMESPACE = "clocksync";
    static final String SERVICE = "clocksync-agent";

    private MockCluster() {}

    static void createService(KubernetesClient client) {
        client.services()
                .inNamespace(NAMESPACE)
                .resource(new ServiceBuilder()
                        .withNewMetadata()
                        .withName(SERVICE)
                        .withNamespace(NAMESPACE)
                        .addToLabels("app.kubernetes.io/name", "clocksync-agent")
                        .endMetadata()
                        .withNewSpec()
                        .withClusterIP("None")
                        .addNewPort()
                        .withName("http")
                        .withPort(8081)
                        .endPort()
                        .endSpec()
                        .build())
                .create();
    }

    /**
     * A slice's endpoints share their port numbers, so each agent listens on its own loopback
     * address (127.0.0.2, 127.0.0.3, ...) and all on the same port.
     */
    static String address(int index) {
        return "127.0.0." + (index + 2);
    }

    /** A port free on the first {@code count} agent addresses. */
    static int freePort(int count) {
        for (int attempt = 0; attempt < 50; attempt++) {
            int port;
            try (java.net.ServerSocket probe =
                    new java.net.ServerSocket(0, 1, java.net.InetAddress.getByName(address(0)))) {
                port = probe.getLocalPort();
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            if (freeOnAll(port, count)) {
                return port;
            }
        }
        throw new IllegalStateException("no port free on all agent addresses");
    }

    private static boolean freeOnAll(int port, int count) {
        for (int i = 0; i < count; i++) {
            try (java.net.ServerSocket probe =
                    new java.net.ServerSocket(port, 1, java.net.InetAddress.getByName(address(i)))) {
                // free
            } catch (java.io.IOException e) {
                return false;
            }
        }
        return true;
    }

    /** Starts agent i on its own loopback address and the shared port. */
    static ConfigurableApplicationContext startAgent(int index, int port, long offsetMillis, double driftPpm) {
        return TestAgents.start(
                "agent-" + (index + 1),
                offsetMillis,
                driftPpm,
                "--server.address=" + address(index),
                "--server.port=" + port,
                "--clocksync.agent.warmup-requests=500");
    }

    /** The agents' one EndpointSlice, created or replaced: exactly these agents, ready, are the members. */
    static void publishSlice(KubernetesClient client, List<ConfigurableApplicationContext> agents) {
        List<Endpoint> endpoints = new ArrayList<>();
        for (ConfigurableApplicationContext agent : agents) {
            endpoints.add(endpoint(
                    agent.getEnvironment().getProperty("server.address"),
                    podName(agent),
                    nodeName(agent),
                    "zone-of-" + nodeName(agent),
                    true));
        }
        apply(client, slice(SERVICE + "-agents", SERVICE, TestAgents.port(agents.get(0)), endpoints));
    }

    /** One endpoint of a slice, as the EndpointSlice controller writes it for a pod. */
    static Endpoint endpoint(String ip, String pod, String node, String zone, Boolean ready) {
        return new EndpointBuilder()
                .addToAddresses(ip)
                .withNewConditions()
                .withReady(ready)
                .withServing(ready)
                .withTerminating(false)
                .endConditions()
                .withNodeName(node)
                .withZone(zone)
                .withNewTargetRef()
                .withKind("Pod")
                .withName(pod)
                .withNamespace(NAMESPACE)
                .withUid("uid-" + pod)
                .endTargetRef()
                .build();
    }

    /** A slice of a Service's endpoints, labelled with the Service's name as the controller does. */
    static EndpointSlice slice(String name, String service, int port, List<Endpoint> endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName(name)
                .withNamespace(NAMESPACE)
                .addToLabels("kubernetes.io/service-name", service)
                .addToLabels("endpointslice.kubernetes.io/managed-by", "endpointslice-controller.k8s.io")
                .endMetadata()
                .withAddressType("IPv4")
                .addNewPort()
                .withName("http")
                .withPort(port)
                .withProtocol("TCP")
                .endPort()
                .withEndpoints(endpoints)
                .build();
    }

    static void apply(KubernetesClient client, EndpointSlice slice) {
        client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(NAMESPACE)
                .resource(slice)
                .createOr(existing -> existing.update());
    }

    static String podName(ConfigurableApplicationContext agent) {
        return agent.getEnvironment().getProperty("clocksync.agent.id") + "-pod";
    }

    static String nodeName(ConfigurableApplicationContext agent) {
        return agent.getEnvironment().getProperty("clocksync.agent.id") + "-node";
    }

    /** A daemon that believes it runs in Kubernetes, talking to the API server at masterUrl. */
    static ConfigurableApplicationContext startDaemon(String id, String masterUrl, String... extra) {
        List<String> args = new ArrayList<>(List.of(
                "--server.port=0",
                "--server.address=127.0.0.1",
                "--spring.main.cloud-platform=KUBERNETES",
                "--spring.cloud.kubernetes.client.master-url=" + masterUrl,
                "--spring.cloud.kubernetes.client.namespace=" + NAMESPACE,
                "--spring.cloud.kubernetes.client.trust-certs=true",
                "--clocksync.daemon.id=" + id,
                "--clocksync.daemon.interval=1s",
                "--clocksync.daemon.security.hmac-key=" + TestAgents.KEY));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(TimeDaemonApplication.class).run(TestAgents.lastWins(args));
    }
}
