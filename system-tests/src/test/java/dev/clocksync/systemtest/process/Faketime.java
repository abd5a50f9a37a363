package dev.clocksync.systemtest.process;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Debian's libfaketime: a process started with it preloaded reads a real-time clock shifted
 * against this machine's, while its monotonic clock stays real, so that one machine can host
 * nodes whose clocks really differ. The machine's own clock is never touched. Found at
 * {@code FAKETIME_LIB} when set, else where Debian's package installs it.
 *
 * <p>Two settings keep a JVM usable under libfaketime 0.9.10: its monotonic clock stays real
 * (faked, the JVM hangs), and {@code FAKETIME_FORCE_MONOTONIC_FIX=0} (else every timed wait on a
 * monotonic condition returns at once, and each JVM spins its timer threads on all cores).
 * A faked rate ({@code "x1.0001"}) hangs a JVM started that way; a {@link Drift} gives a clock
 * a rate instead.
 */
public final class Faketime {

    private static final List<Path> DEBIAN = List.of(
            Path.of("/usr/lib/x86_64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/aarch64-linux-gnu/faketime/libfaketime.so.1"),
            Path.of("/usr/lib/faketime/libfaketime.so.1"));

    private Faketime() {}

    /** The library; skips (locally) or fails (in CI) without it. */
    public static Path require() {
        Optional<Path> library = find();
        Prerequisites.require(
                library.isPresent(),
                "libfaketime not found (FAKETIME_LIB unset or not a file, nor in " + DEBIAN + ");"
                        + " Debian/Ubuntu: apt-get install libfaketime, or source scripts/ci/setup-15-clock-tools.sh");
        return library.orElseThrow();
    }

    static Optional<Path> find() {
        String configured = System.getenv("FAKETIME_LIB");
        if (configured != null && !configured.isBlank()) {
            Path path = Path.of(configured.strip());
            return Files.isRegularFile(path) ? Optional.of(path) : Optional.empty();
        }
        return DEBIAN.stream().filter(Files::isRegularFile).findFirst();
    }

    /**
     * The environment of a process whose real-time clock reads {@code offset} against this
     * machine's, e.g. {@code "+45s"} or {@code "-12m"}.
     */
    public static Map<String, String> environment(Path library, String offset) {
        Map<String, String> environment = new HashMap<>(common(library));
        environment.put("FAKETIME", offset);
        return environment;
    }

    /** The environment of a process whose real-time clock follows {@code drift}. */
    public static Map<String, String> environment(Path library, Drift drift) {
        Map<String, String> environment = new HashMap<>(common(library));
        environment.put("FAKETIME_TIMESTAMP_FILE", drift.file().toString());
        environment.put("FAKETIME_CACHE_DURATION", "1");
        return environment;
    }

    private static Map<String, String> common(Path library) {
        return Map.of(
                "LD_PRELOAD", library.toString(),
                "FAKETIME_DONT_FAKE_MONOTONIC", "1",
                "FAKETIME_FORCE_MONOTONIC_FIX", "0",
                "FAKETIME_DONT_RESET", "1");
    }

    /**
     * A clock that starts {@code offsetNanos} ahead and gains {@code ppm} on this machine's: the
     * offset is rewritten into a file that the preloaded library rereads every second, so the
     * clock runs in steps of at most a second's drift. Call {@link #update()} at least once a
     * second.
     */
    public static final class Drift {

        private final Path file;
        private final long offsetNanos;
        private final double ppm;
        private final long startNanos = System.nanoTime();

        public Drift(Path directory, String name, long offsetNanos, double ppm) {
            this.file = directory.resolve(name + ".faketime");
            this.offsetNanos = offsetNanos;
            this.ppm = ppm;
            update();
        }

        Path file() {
            return file;
        }

        /** The offset the clock should have now, ns. */
        public long offsetNanos() {
            return offsetNanos + Math.round((System.nanoTime() - startNanos) * ppm / 1e6);
        }

        /** Writes the offset of now, atomically so that the library never reads half a line. */
        public void update() {
            String spec = String.format(Locale.ROOT, "%+.6fs%n", offsetNanos() / 1e9);
            try {
                Path next = Files.writeString(file.resolveSibling(file.getFileName() + ".next"), spec);
                Files.move(next, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
