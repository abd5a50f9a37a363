package dev.clocksync.daemon.discovery;

import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.informers.ExceptionHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Membership in Kubernetes: the EndpointSlices ({@code discovery.k8s.io/v1}) of the agents'
 * headless Service, kept by an informer (one list, then a watch), so a round reads memory and
 * asks the API server nothing. Unlike Endpoints, which stop at 1,000 addresses, slices hold
 * every agent, and each endpoint carries its node and zone, so the daemon needs no access to
 * Nodes.
 */
final class EndpointSliceDirectory implements AgentDirectory, AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EndpointSliceDirectory.class);

    /** Set by the EndpointSlice controller on every slice of a Service. */
    static final String SERVICE_NAME_LABEL = "kubernetes.io/service-name";

    private final SharedIndexInformer<EndpointSlice> informer;
    private final String portName;

    EndpointSliceDirectory(SharedIndexInformer<EndpointSlice> informer, String portName) {
        this.informer = informer;
        this.portName = portName;
    }

    /** Starts watching and returns at once: until the first list arrives there are no members. */
    static EndpointSliceDirectory watch(KubernetesClient client, String namespace, String service, String portName) {
        SharedIndexInformer<EndpointSlice> informer = client.discovery()
                .v1()
                .endpointSlices()
                .inNamespace(namespace)
                .withLabel(SERVICE_NAME_LABEL, service)
                .runnableInformer(0);
        // fabric8 gives up when the first list fails; an API server that is not reachable yet, or a
        // Role bound a moment later, must not leave the daemon without agents until a restart.
        informer.exceptionHandler((started, e) -> !ExceptionHandler.isDeserializationException(e));
        EndpointSliceDirectory directory = new EndpointSliceDirectory(informer, portName);
        informer.start()
                .thenRun(() -> log.info(
                        "Watching the EndpointSlices of {}/{}: {} agents",
                        namespace,
                        service,
                        directory.members().size()));
        return directory;
    }

    @Override
    public List<AgentEndpoint> members() {
        return EndpointSliceMembers.of(informer.getStore().list(), portName);
    }

    @Override
    public void close() {
        informer.close();
    }
}
