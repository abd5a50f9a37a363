package dev.clocksync.core.deployment;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.UUID;
import java.util.function.Function;

/** Default identities of daemon and agent instances when none is configured. */
public final class InstanceNames {

    private InstanceNames() {}

    /**
     * The configured name if it is set, else the host name (in Kubernetes the pod name, from
     * {@code HOSTNAME}), else {@code prefix} and a random suffix.
     */
    public static String configuredOrHostName(String configured, String prefix) {
        return configuredOrHostName(
                configured,
                prefix,
                System::getenv,
                () -> InetAddress.getLocalHost().getHostName());
    }

    /** The same rule, with the environment and the host's own name given, so that tests can vary them. */
    static String configuredOrHostName(
            String configured, String prefix, Function<String, String> environment, LocalHost localHost) {
        if (configured != null && !configured.isBlank()) {
            return configured;
        }
        String env = environment.apply("HOSTNAME");
        if (env != null && !env.isBlank()) {
            return env;
        }
        try {
            return localHost.name();
        } catch (UnknownHostException e) {
            return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
        }
    }

    /** What the host calls itself, when it can tell. */
    @FunctionalInterface
    interface LocalHost {
        String name() throws UnknownHostException;
    }
}
