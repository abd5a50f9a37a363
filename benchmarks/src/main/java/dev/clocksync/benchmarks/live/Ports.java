package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.ArrayList;
import java.util.List;

/** Checks that the ports a benchmark means to use are free, before it starts anything. */
final class Ports {

    private Ports() {}

    static void requireFree(List<Integer> ports) {
        List<Integer> taken = new ArrayList<>();
        for (int port : ports) {
            try (ServerSocket probe = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                probe.setReuseAddress(true);
            } catch (IOException e) {
                taken.add(port);
            }
        }
        if (!taken.isEmpty()) {
            throw new IllegalArgumentException("port" + (taken.size() > 1 ? "s " : " ")
                    + (taken.size() > 5 ? taken.subList(0, 5) + " ..." : taken)
                    + " in use; choose other ports with --port");
        }
    }

    static List<Integer> range(int first, int count) {
        List<Integer> ports = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            ports.add(first + i);
        }
        return ports;
    }
}
