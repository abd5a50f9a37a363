package dev.clocksync.core.deployment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;

/** Default identities of daemon and agent instances when none is configured. */
public final class InstanceNames {

    private InstanceNames() {}

    /**
     * The configured name if it is set, else the host name (in Kubernetes the pod name, from
     * {@code HOSTNAME}), else {@code prefix} and a random suffix.
     */
    public static String configuredOrHostName(String configured, String prefix) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String env = System.getenv("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }
}
