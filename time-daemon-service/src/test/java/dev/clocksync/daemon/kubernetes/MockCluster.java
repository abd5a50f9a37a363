package dev.clocksync.daemon.kubernetes;

import dev.clocksync.daemon.TestAgents;
import dev.clocksync.daemon.TimeDaemonApplication;
import io.fabric8.kubernetes.api.model.EndpointSubsetBuilder;
import io.fabric8.kubernetes.api.model.Endpoints;
import io.fabric8.kubernetes.api.model.EndpointsBuilder;
import io.fabric8.kubernetes.api.model.ServiceBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.util.ArrayList;
import java.util.List;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;

/** The agents' headless Service and its Endpoints in the mock API server, and daemons pointed at it. */
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
     * A Service's endpoints share their port numbers, so each agent listens on its own loopback
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

    static void publishEndpoints(KubernetesClient client, List<ConfigurableApplicationContext> agents) {
        EndpointSubsetBuilder subset = new EndpointSubsetBuilder();
        int port = TestAgents.port(agents.get(0));
        for (ConfigurableApplicationContext agent : agents) {
            String pod = podName(agent);
            subset.addNewAddress()
                    .withIp(agent.getEnvironment().getProperty("server.address"))
                    .withNodeName(nodeName(agent))
                    .withNewTargetRef()
                    .withKind("Pod")
                    .withName(pod)
                    .withNamespace(NAMESPACE)
                    .withUid("uid-" + pod)
                    .endTargetRef()
                    .endAddress();
        }
        subset.addNewPort().withName("http").withPort(port).endPort();
        Endpoints endpoints = new EndpointsBuilder()
                .withNewMetadata()
                .withName(SERVICE)
                .withNamespace(NAMESPACE)
                .endMetadata()
                .withSubsets(subset.build())
                .build();
        client.endpoints().inNamespace(NAMESPACE).resource(endpoints).createOr(existing -> existing.update());
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
                "--spring.cloud.kubernetes.discovery.namespaces[0]=" + NAMESPACE,
                "--spring.cloud.kubernetes.discovery.catalog-services-watch.enabled=false",
                "--clocksync.daemon.id=" + id,
                "--clocksync.daemon.interval=1s",
                "--clocksync.daemon.security.hmac-key=" + TestAgents.KEY));
        args.addAll(List.of(extra));
        return new SpringApplicationBuilder(TimeDaemonApplication.class).run(TestAgents.lastWins(args));
    }
}
