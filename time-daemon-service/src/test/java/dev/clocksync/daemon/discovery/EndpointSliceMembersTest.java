package dev.clocksync.daemon.discovery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;

import io.fabric8.kubernetes.api.model.discovery.v1.Endpoint;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPort;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointPortBuilder;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSlice;
import io.fabric8.kubernetes.api.model.discovery.v1.EndpointSliceBuilder;
import java.net.URI;
import java.util.List;
import org.junit.jupiter.api.Test;

class EndpointSliceMembersTest {

    static final EndpointPort HTTP = port("http", 8081, "TCP");
    static final EndpointPort NTP = port("ntp", 123, "UDP");

    @Test
    void aReadyEndpointIsAMemberWithItsPodNodeAndZone() {
        EndpointSlice slice = slice("IPv4", List.of(HTTP, NTP), endpoint("10.0.0.7", "agent-7", true));

        assertThat(EndpointSliceMembers.of(List.of(slice), "http"))
                .containsExactly(new AgentEndpoint(
                        "uid-agent-7", URI.create("http://10.0.0.7:8081"), "agent-7", "node-agent-7", "zone-agent-7"));
    }

    @Test
    void onlyEndpointsNotMarkedUnreadyAreMembers() {
        EndpointSlice slice = slice(
                "IPv4",
                List.of(HTTP),
                endpoint("10.0.0.1", "ready", true),
                endpoint("10.0.0.2", "unset", null),
                endpoint("10.0.0.3", "not-ready", false),
                new EndpointBuilder(endpoint("10.0.0.4", "no-conditions", true))
                        .withConditions(null)
                        .build());

        assertThat(EndpointSliceMembers.of(List.of(slice), "http"))
                .extracting(AgentEndpoint::pod)
                .containsExactly("no-conditions", "ready", "unset");
    }

    @Test
    void theAgentPortIsTheNamedTcpPortOrTheOnlyTcpPort() {
        Endpoint agent = endpoint("10.0.0.1", "a", true);

        assertThat(uris(slice("IPv4", List.of(NTP, HTTP), agent), "http")).containsExactly("http://10.0.0.1:8081");
        assertThat(uris(slice("IPv4", List.of(port("web", 9000, null), NTP), agent), "http"))
                .as("the only TCP port (protocol unset means TCP)")
                .containsExactly("http://10.0.0.1:9000");
        assertThat(uris(slice("IPv4", List.of(port("web", 9000, "TCP"), port("admin", 9001, "TCP")), agent), "http"))
                .as("two TCP ports, neither named")
                .isEmpty();
        assertThat(uris(slice("IPv4", List.of(NTP), agent), "ntp"))
                .as("not HTTP")
                .isEmpty();
        assertThat(uris(slice("IPv4", List.of(port("http", null, "TCP")), agent), "http"))
                .as("a port without a number")
                .isEmpty();
        assertThat(uris(slice("IPv4", null, agent), "http")).isEmpty();
    }

    @Test
    void ipv6AddressesAreBracketedAndOnlyTheFirstAddressIsUsed() {
        Endpoint twoAddresses = new EndpointBuilder(endpoint("fd00::7", "a", true))
                .addToAddresses("fd00::8")
                .build();

        assertThat(uris(slice("IPv6", List.of(HTTP), twoAddresses), "http")).containsExactly("http://[fd00::7]:8081");
    }

    @Test
    void withoutATargetRefTheKeyIsTheUriAndThePodUnknown() {
        Endpoint bare = new EndpointBuilder(endpoint("10.0.0.9", "x", true))
                .withTargetRef(null)
                .build();
        Endpoint notAPod = new EndpointBuilder(endpoint("10.0.0.10", "x", true))
                .editTargetRef()
                .withKind("Node")
                .withUid(null)
                .endTargetRef()
                .build();

        assertThat(EndpointSliceMembers.of(List.of(slice("IPv4", List.of(HTTP), bare, notAPod)), "http"))
                .extracting(AgentEndpoint::key, AgentEndpoint::pod)
                .containsExactly(tuple("http://10.0.0.10:8081", ""), tuple("http://10.0.0.9:8081", ""));
    }

    @Test
    void anEndpointInTwoSlicesIsOneMemberAndEndpointsWithoutAddressesNone() {
        Endpoint moving = endpoint("10.0.0.5", "moving", true);
        Endpoint noAddress = new EndpointBuilder(endpoint("10.0.0.6", "none", true))
                .withAddresses(List.of())
                .build();

        List<AgentEndpoint> members = EndpointSliceMembers.of(
                List.of(
                        slice("IPv4", List.of(HTTP), moving, noAddress),
                        slice("IPv4", List.of(HTTP), moving, endpoint("10.0.0.4", "other", true)),
                        new EndpointSliceBuilder(slice("IPv4", List.of(HTTP)))
                                .withEndpoints((List<Endpoint>) null)
                                .build()),
                "http");

        assertThat(members).extracting(AgentEndpoint::pod).containsExactly("moving", "other");
    }

    private static List<String> uris(EndpointSlice slice, String portName) {
        return EndpointSliceMembers.of(List.of(slice), portName).stream()
                .map(m -> m.uri().toString())
                .toList();
    }

    private static EndpointSlice slice(String addressType, List<EndpointPort> ports, Endpoint... endpoints) {
        return new EndpointSliceBuilder()
                .withNewMetadata()
                .withName("clocksync-agent-x1")
                .endMetadata()
                .withAddressType(addressType)
                .withPorts(ports)
                .withEndpoints(endpoints)
                .build();
    }

    private static Endpoint endpoint(String address, String pod, Boolean ready) {
        return new EndpointBuilder()
                .addToAddresses(address)
                .withNewConditions()
                .withReady(ready)
                .endConditions()
                .withNodeName("node-" + pod)
                .withZone("zone-" + pod)
                .withNewTargetRef()
                .withKind("Pod")
                .withName(pod)
                .withUid("uid-" + pod)
                .endTargetRef()
                .build();
    }

    private static EndpointPort port(String name, Integer number, String protocol) {
        return new EndpointPortBuilder()
                .withName(name)
                .withPort(number)
                .withProtocol(protocol)
                .build();
    }
}
