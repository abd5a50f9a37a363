package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Every process and container a benchmark starts, stopped when it is done with them, when the
 * benchmark ends, and on Ctrl-C or SIGTERM (a shutdown hook). Each one is also written to the file
 * named by CLOCKSYNC_BENCH_PIDFILE, from which benchmarks/run stops whatever is left if this JVM
 * itself is killed.
 */
final class ChildProcesses implements AutoCloseable {

    private static final Duration GRACE = Duration.ofSeconds(10);
    static final String MARKER = "-Dclocksync.benchmark.child=true";

    private final List<Child> children = new CopyOnWriteArrayList<>();
    private final List<Container> containers = new CopyOnWriteArrayList<>();
    private final Path pidFile;
    private final Thread hook = new Thread(this::stopAll, "stop-children");

    ChildProcesses() {
        String file = System.getenv("CLOCKSYNC_BENCH_PIDFILE");
        this.pidFile = file == null || file.isBlank() ? null : Path.of(file);
        Runtime.getRuntime().addShutdownHook(hook);
    }

    /** A process started by the benchmark, its output in {@code log}. */
    record Child(String name, Process process, Path log) {

        long pid() {
            return process.pid();
        }

        boolean alive() {
            return process.isAlive();
        }

        /** The last lines of its log, to say why it failed. */
        String tail(int lines) {
            try {
                List<String> all = Files.readAllLines(log, StandardCharsets.UTF_8);
                return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
            } catch (IOException | UncheckedIOException e) {
                return "(no log: " + e.getMessage() + ")";
            }
        }
    }

    /** A container started by the benchmark through a Docker-compatible command line. */
    record Container(String engine, String name) {}

    /** Starts a process with these extra environment variables, its output to {@code log}. */
    Child start(String name, List<String> command, Map<String, String> environment, Path log) {
        try {
            Files.createDirectories(log.getParent());
            List<String> marked = new ArrayList<>(command);
            if (marked.getFirst().endsWith("/java")) {
                // Lets benchmarks/run tell a leftover of ours from a process that reused its pid.
                marked.add(1, MARKER);
            }
            ProcessBuilder builder = new ProcessBuilder(marked);
            builder.environment().putAll(environment);
            Process process = builder.redirectErrorStream(true)
                    .redirectOutput(log.toFile())
                    .redirectInput(
                            ProcessBuilder.Redirect.from(Path.of("/dev/null").toFile()))
                    .start();
            Child child = new Child(name, process, log);
            children.add(child);
            remember("pid " + process.pid());
            return child;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot start " + name + ": " + e.getMessage(), e);
        }
    }

    /** Records a container that the caller is about to start, so that it is removed in any case. */
    Container container(String engine, String name) {
        Container container = new Container(engine, name);
        containers.add(container);
        remember("container " + engine + " " + name);
        return container;
    }

    /**
     * Waits until {@code url} answers 200; fails with the child's last log lines if it exits first
     * or the time runs out.
     */
    static void awaitReady(Child child, URI url, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            if (answers200(url)) {
                return;
            }
            if (!child.alive()) {
                throw new IllegalStateException(
                        child.name() + " exited during start (see " + child.log() + "):\n" + child.tail(20));
            }
            sleep(Duration.ofMillis(25));
        }
        throw new IllegalStateException(
                child.name() + " not ready after " + timeout.toSeconds() + " s (see " + child.log() + ")");
    }

    static boolean answers200(URI url) {
        try {
            HttpURLConnection connection = (HttpURLConnection) url.toURL().openConnection();
            connection.setConnectTimeout(500);
            connection.setReadTimeout(2000);
            int status = connection.getResponseCode();
            try (var body = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                if (body != null) {
                    body.readAllBytes();
                }
            }
            return status == 200;
        } catch (IOException e) {
            return false;
        }
    }

    /** Stops these children together: SIGTERM to all, then SIGKILL to any still there after the grace. */
    void stop(List<Child> some) {
        some.forEach(c -> c.process().destroy());
        long deadline = System.nanoTime() + GRACE.toNanos();
        for (Child child : some) {
            try {
                long left = Math.max(0, deadline - System.nanoTime());
                if (!child.process().waitFor(left, TimeUnit.NANOSECONDS)) {
                    child.process().destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                child.process().destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        children.removeAll(some);
    }

    void stop(Child child) {
        stop(List.of(child));
    }

    void remove(Container container) {
        try {
            Process rm = new ProcessBuilder(container.engine(), "rm", "-f", container.name())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            if (!rm.waitFor(60, TimeUnit.SECONDS)) {
                rm.destroyForcibly();
            }
        } catch (IOException e) {
            // the engine is gone: nothing left to remove
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        containers.remove(container);
    }

    void stopAll() {
        stop(new ArrayList<>(children));
        new ArrayList<>(containers).forEach(this::remove);
    }

    @Override
    public void close() {
        stopAll();
        try {
            Runtime.getRuntime().removeShutdownHook(hook);
        } catch (IllegalStateException shuttingDown) {
            // the hook runs anyway
        }
    }

    private void remember(String line) {
        if (pidFile == null) {
            return;
        }
        try {
            Files.writeString(pidFile, line + "\n", StandardOpenOption.CREATE, StandardOpenOption.APPEND);
        } catch (IOException e) {
            System.err.println("warning: cannot record " + line + " in " + pidFile + ": " + e.getMessage());
        }
    }

    static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted", e);
        }
    }
}
