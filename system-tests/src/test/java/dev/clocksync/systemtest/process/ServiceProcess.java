package dev.clocksync.systemtest.process;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;

/**
 * One of the project's Spring Boot services, started from its executable jar as a separate JVM
 * listening on 127.0.0.1, ready once {@code /readyz} answers 200.
 */
public final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final ManagedProcess process;
    private final int port;

    private ServiceProcess(ManagedProcess process, int port) {
        this.process = process;
        this.port = port;
    }

    /** A service started from {@code jar}; see {@link Builder}. */
    public static Builder fromJar(Path jar) {
        return new Builder(jar);
    }

    public int port() {
        return port;
    }

    public URI baseUri() {
        return URI.create("http://127.0.0.1:" + port);
    }

    public ManagedProcess process() {
        return process;
    }

    /** Polls {@code /readyz}; fails early, with the log's tail, if the process exits. */
    public ServiceProcess awaitReady(Duration timeout) {
        Awaitility.await(process.name() + " ready on " + baseUri())
                .atMost(timeout)
                .pollInterval(Duration.ofMillis(200))
                .ignoreExceptionsInstanceOf(IOException.class)
                .until(() -> {
                    process.assertAlive();
                    return get("/readyz").statusCode() == 200;
                });
        return this;
    }

    /** GET on the service, for probes and scrapes. */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(baseUri().resolve(path))
                        .timeout(Duration.ofSeconds(5))
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    @Override
    public void close() {
        process.close();
    }

    @Override
    public String toString() {
        return process + " on " + baseUri();
    }

    /** How to start the service: name, port, Spring arguments, environment, JVM options, log folder. */
    public static final class Builder {

        private static final String NTP_PORT = "--clocksync.agent.ntp.port";

        private final Path jar;
        private String name;
        private int port;
        private final List<String> arguments = new ArrayList<>();
        private final Map<String, String> environment = new LinkedHashMap<>();
        private final List<String> jvmOptions = new ArrayList<>(List.of("-XX:+UseSerialGC", "-Xmx96m", "-Xss512k"));
        private Path logDirectory = Path.of("target", "process-logs");

        private Builder(Path jar) {
            this.jar = jar;
        }

        public Builder name(String name) {
            this.name = name;
            return this;
        }

        /** The HTTP port; 0 (the default) picks a free one. */
        public Builder port(int port) {
            this.port = port;
            return this;
        }

        /** Spring Boot arguments such as {@code --clocksync.agent.id=a}. */
        public Builder args(String... arguments) {
            this.arguments.addAll(List.of(arguments));
            return this;
        }

        public Builder env(String key, String value) {
            environment.put(key, value);
            return this;
        }

        public Builder jvmOptions(String... options) {
            jvmOptions.addAll(List.of(options));
            return this;
        }

        public Builder logDirectory(Path directory) {
            this.logDirectory = directory;
            return this;
        }

        /** Starts the JVM; call {@link ServiceProcess#awaitReady(Duration)} before using it. */
        public ServiceProcess start() {
            if (!Files.isRegularFile(jar)) {
                throw new IllegalStateException(
                        jar + " does not exist: build the services first (./mvnw -B package -DskipTests)");
            }
            int chosen = port != 0 ? port : FreePorts.next();
            String label = name != null ? name : jar.getFileName().toString();
            List<String> command = new ArrayList<>();
            command.add(javaExecutable());
            command.addAll(jvmOptions);
            command.add("-jar");
            command.add(jar.toAbsolutePath().toString());
            command.add("--server.port=" + chosen);
            command.add("--server.address=127.0.0.1");
            if (jar.equals(ProjectPaths.agentJar()) && arguments.stream().noneMatch(a -> a.startsWith(NTP_PORT))) {
                // Agents on one address each serve NTP on a port of their own (logged at start).
                command.add(NTP_PORT + "=0");
            }
            command.addAll(arguments);
            ManagedProcess process =
                    ManagedProcess.start(label, command, environment, logDirectory.resolve(label + ".log"));
            return new ServiceProcess(process, chosen);
        }

        private static String javaExecutable() {
            return ProcessHandle.current()
                    .info()
                    .command()
                    .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java")
                            .toString());
        }
    }
}
