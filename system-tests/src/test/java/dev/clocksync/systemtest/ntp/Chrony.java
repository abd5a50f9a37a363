package dev.clocksync.systemtest.ntp;

import dev.clocksync.systemtest.process.ManagedProcess;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * chrony, the NTP client most nodes run, pointed at an agent's NTP server. Nothing here touches
 * this machine's clock: {@code chronyd -Q} only measures, {@code chronyd -x} runs without control
 * of the clock.
 */
final class Chrony {

    private static final Pattern WRONG_BY = Pattern.compile("System clock wrong by (-?[0-9.]+) seconds");

    private final Path chronyd;
    private final Path chronyc;

    Chrony(Path chronyd, Path chronyc) {
        this.chronyd = chronyd;
        this.chronyc = chronyc;
    }

    /**
     * {@code chronyd -Q}: four samples of the server, and its offset from this host's clock
     * (server minus local), in seconds, as chrony computes it.
     */
    double query(int port, Path log) throws IOException, InterruptedException {
        List<String> command =
                List.of(chronyd.toString(), "-Q", "-t", "20", "server 127.0.0.1 port " + port + " iburst maxsamples 4");
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        process.waitFor(30, TimeUnit.SECONDS);
        Files.writeString(log, output);
        Matcher matcher = WRONG_BY.matcher(output);
        if (!matcher.find()) {
            throw new AssertionError("chronyd -Q gave no offset:\n" + output);
        }
        return Double.parseDouble(matcher.group(1));
    }

    /** A full chronyd with the agent as its only source, never touching the clock. */
    Daemon daemon(int port, Path directory) {
        try {
            Files.createDirectories(directory);
            // chronyd refuses a command socket in a directory others may write to.
            Files.setPosixFilePermissions(directory, PosixFilePermissions.fromString("rwx------"));
            Path config = directory.resolve("chrony.conf");
            Files.writeString(
                    config,
                    String.join(
                            "\n",
                            "server 127.0.0.1 port " + port + " iburst minpoll 0 maxpoll 0",
                            "pidfile " + directory.resolve("chronyd.pid"),
                            "bindcmdaddress " + directory.resolve("chronyd.sock"),
                            "cmdport 0",
                            "port 0",
                            ""));
            ManagedProcess process = ManagedProcess.start(
                    "chronyd-" + port,
                    List.of(chronyd.toString(), "-x", "-n", "-d", "-u", "root", "-f", config.toString()),
                    Map.of(),
                    directory.resolve("chronyd.log"));
            return new Daemon(process, directory.resolve("chronyd.sock"));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    final class Daemon implements AutoCloseable {

        private final ManagedProcess process;
        private final Path socket;

        private Daemon(ManagedProcess process, Path socket) {
            this.process = process;
            this.socket = socket;
        }

        /** The source's line of {@code chronyc -n sources}: "^*" selected, "^?" unusable. */
        String sourceState() throws IOException, InterruptedException {
            return chronyc("sources")
                    .lines()
                    .filter(l -> l.startsWith("^"))
                    .findFirst()
                    .orElse("(no source line)");
        }

        /** {@code chronyc -n ntpdata}: what the last packets from the source said (leap, stratum, counts). */
        String ntpData() throws IOException, InterruptedException {
            return chronyc("ntpdata");
        }

        private String chronyc(String command) throws IOException, InterruptedException {
            process.assertAlive();
            List<String> line = new ArrayList<>(List.of(chronyc.toString(), "-h", socket.toString(), "-n", command));
            Process chronycProcess =
                    new ProcessBuilder(line).redirectErrorStream(true).start();
            String output = new String(chronycProcess.getInputStream().readAllBytes());
            chronycProcess.waitFor(10, TimeUnit.SECONDS);
            return output;
        }

        @Override
        public void close() {
            process.close();
        }
    }
}
