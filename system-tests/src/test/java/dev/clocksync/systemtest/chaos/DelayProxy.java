package dev.clocksync.systemtest.chaos;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy in front of one agent, the way the daemons reach it: at its own loopback address
 * (so that Endpoints can list every agent on one port), forwarding to the agent's port. During a
 * delay spike every chunk it forwards, either way, waits a random 0 to {@code maxDelayMicros}
 * first: a congested or flapping network path, in user space (this kernel has no netem).
 */
final class DelayProxy implements AutoCloseable {

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile long spikeUntilNanos;
    private volatile int maxDelayMicros;

    DelayProxy(InetAddress address, int port, int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(port, 50, address);
        Thread.ofVirtual().name("delay-proxy-" + address.getHostAddress()).start(this::acceptLoop);
    }

    /** Delays every chunk by up to {@code maxDelayMicros} for the next {@code nanos}. */
    void spike(long nanos, int maxDelayMicros) {
        this.maxDelayMicros = maxDelayMicros;
        this.spikeUntilNanos = System.nanoTime() + nanos;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                client.setTcpNoDelay(true);
                Socket upstream;
                try {
                    upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                    upstream.setTcpNoDelay(true);
                } catch (IOException agentDown) {
                    client.close();
                    continue;
                }
                sockets.add(client);
                sockets.add(upstream);
                Thread.ofVirtual().start(() -> pipe(client, upstream));
                Thread.ofVirtual().start(() -> pipe(upstream, client));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (System.nanoTime() < spikeUntilNanos) {
                    LockSupport.parkNanos(ThreadLocalRandom.current().nextLong(maxDelayMicros + 1L) * 1_000);
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            close(from);
            close(to);
        }
    }

    private void close(Socket socket) {
        sockets.remove(socket);
        try {
            socket.close();
        } catch (IOException e) {
            // already closed
        }
    }

    @Override
    public void close() throws IOException {
        server.close();
        sockets.forEach(this::close);
    }
}
