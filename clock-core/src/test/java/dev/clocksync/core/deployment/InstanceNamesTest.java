package dev.clocksync.core.deployment;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class InstanceNamesTest {

    private static final InstanceNames.LocalHost NAMED_HOST = () -> "ip-10-0-1-11";
    private static final InstanceNames.LocalHost UNKNOWN_HOST = () -> {
        throw new UnknownHostException("no name");
    };

    private final Map<String, String> environment = new HashMap<>(Map.of("HOSTNAME", "clocksync-agent-7f9c4"));

    @Test
    void aConfiguredNameWins() {
        assertThat(InstanceNames.configuredOrHostName("agent-eu-1", "agent", environment::get, NAMED_HOST))
                .isEqualTo("agent-eu-1");
    }

    @Test
    void withoutAConfiguredNameThePodNameFromHostnameIsUsed() {
        for (String unset : new String[] {null, "", " \t"}) {
            assertThat(InstanceNames.configuredOrHostName(unset, "agent", environment::get, NAMED_HOST))
                    .as("configured %s", unset)
                    .isEqualTo("clocksync-agent-7f9c4");
        }
    }

    @Test
    void withoutHostnameTheHostsOwnNameIsUsed() {
        environment.remove("HOSTNAME");
        assertThat(InstanceNames.configuredOrHostName(null, "agent", environment::get, NAMED_HOST))
                .isEqualTo("ip-10-0-1-11");

        environment.put("HOSTNAME", "  ");
        assertThat(InstanceNames.configuredOrHostName(null, "agent", environment::get, NAMED_HOST))
                .isEqualTo("ip-10-0-1-11");
    }

    @Test
    void aHostWithoutANameGetsThePrefixAndARandomSuffix() {
        environment.remove("HOSTNAME");

        String first = InstanceNames.configuredOrHostName(null, "daemon", environment::get, UNKNOWN_HOST);
        String second = InstanceNames.configuredOrHostName(null, "daemon", environment::get, UNKNOWN_HOST);

        assertThat(first).matches("daemon-[0-9a-f]{8}");
        assertThat(second).matches("daemon-[0-9a-f]{8}").isNotEqualTo(first);
    }

    @Test
    void theDefaultRuleReadsThisProcesssEnvironmentAndHost() {
        String name = InstanceNames.configuredOrHostName(null, "agent");

        String hostname = System.getenv("HOSTNAME");
        if (hostname != null && !hostname.isBlank()) {
            assertThat(name).isEqualTo(hostname);
        } else {
            assertThat(name).isEqualTo(localHostNameOr("agent-[0-9a-f]{8}", name));
        }
        assertThat(InstanceNames.configuredOrHostName("configured", "agent")).isEqualTo("configured");
    }

    /** This host's name, or {@code name} itself if it matches the fallback pattern of a nameless host. */
    private static String localHostNameOr(String fallbackPattern, String name) {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException nameless) {
            assertThat(name).matches(fallbackPattern);
            return name;
        }
    }
}
