package dev.clocksync.benchmarks.live;

import dev.clocksync.benchmarks.live.ChildProcesses.Child;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Starts the built services as processes with this JDK, one shared random signing key, and their
 * logs in one folder.
 */
final class Services {

    /** The agent image's JVM flags (docker/agent.Dockerfile). */
    static final List<String> AGENT_IMAGE_JVM = List.of("-XX:+UseSerialGC", "-Xmx64m", "-XX:+ExitOnOutOfMemoryError");

    /**
     * What the daemon image's -XX:MaxRAMPercentage=75 amounts to under the chart's 512 MiB memory
     * limit: a 384 MiB heap, and the serial collector, which the JVM picks by itself on a machine
     * (or container) with less than 1792 MB.
     */
    static final List<String> DAEMON_IMAGE_JVM = List.of("-XX:+UseSerialGC", "-Xmx384m", "-XX:+ExitOnOutOfMemoryError");

    private final ServiceJars jars;
    private final ChildProcesses children;
    private final Path logs;
    private final String hmacKey;

    Services(ServiceJars jars, ChildProcesses children, Path logs) {
        this.jars = jars;
        this.children = children;
        this.logs = logs;
        byte[] key = new byte[24];
        new SecureRandom().nextBytes(key);
        this.hmacKey = Base64.getEncoder().encodeToString(key);
    }

    String hmacKey() {
        return hmacKey;
    }

    ServiceJars jars() {
        return jars;
    }

    Child startAgent(String name, List<String> jvmOptions, Map<String, String> properties) {
        return start(name, command(jvmOptions, jars.agent(), properties));
    }

    Child startDaemon(String name, List<String> jvmOptions, Map<String, String> properties) {
        return start(name, command(jvmOptions, jars.daemon(), properties));
    }

    /** A service from another jar than the built one (an extracted one, for an AOT cache). */
    Child startJar(String name, List<String> jvmOptions, Path jar, Map<String, String> properties) {
        return start(name, command(jvmOptions, jar, properties));
    }

    private Child start(String name, List<String> command) {
        return children.start(name, command, Map.of("CLOCKSYNC_HMAC_KEY", hmacKey), logs.resolve(name + ".log"));
    }

    static List<String> command(List<String> jvmOptions, Path jar, Map<String, String> properties) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions);
        command.add("-jar");
        command.add(jar.toString());
        properties.forEach((key, value) -> command.add("--" + key + "=" + value));
        return command;
    }

    /** Later maps win: a property given twice on a Spring command line would be bound as a list. */
    @SafeVarargs
    static Map<String, String> merge(Map<String, String>... layers) {
        Map<String, String> merged = new LinkedHashMap<>();
        for (Map<String, String> layer : layers) {
            merged.putAll(layer);
        }
        return merged;
    }
}
