package dev.clocksync.benchmarks.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Arrays;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.locks.LockSupport;

/**
 * A TCP proxy on loopback that holds every chunk of data it forwards, in each direction, for a
 * random time uniform in [0, maxDelay] before passing it on: network jitter in user space, since
 * this kernel has no netem. Order is kept (a chunk never overtakes the one before it, as on a real
 * path), so a chunk waits for max(its own delay, the previous chunk's release). A request or an
 * answer of a few hundred bytes is one chunk: an exchange's round trip gains two independent
 * delays, and its offset estimate an error of half their difference.
 */
final class DelayProxy implements AutoCloseable {

    private static final int CHUNK_BYTES = 16 * 1024;
    private static final byte[] END = new byte[0];

    private final ServerSocket listener;
    private final InetSocketAddress upstream;
    private final long maxDelayNanos;
    private final SplittableRandom seeds;
    private final Thread acceptor;
    private final Set<Socket> open = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    /**
     * @param port the port to listen on (127.0.0.1), 0 for any free one
     * @param upstream where to forward to
     * @param maxDelayNanos the largest delay of a chunk; 0 forwards at once
     * @param seed seeds the delays
     */
    DelayProxy(int port, InetSocketAddress upstream, long maxDelayNanos, long seed) {
        if (maxDelayNanos < 0) {
            throw new IllegalArgumentException("the largest delay must not be negative, got " + maxDelayNanos);
        }
        try {
            this.listener = new ServerSocket(port, 128, InetAddress.getLoopbackAddress());
        } catch (IOException e) {
            throw new UncheckedIOException("cannot listen on 127.0.0.1:" + port + ": " + e.getMessage(), e);
        }
        this.upstream = upstream;
        this.maxDelayNanos = maxDelayNanos;
        this.seeds = new SplittableRandom(seed);
        this.acceptor = Thread.ofVirtual()
                .name("proxy-accept-" + listener.getLocalPort())
                .start(this::accept);
    }

    int port() {
        return listener.getLocalPort();
    }

    private void accept() {
        while (!closed) {
            try {
                Socket client = listener.accept();
                SplittableRandom random;
                synchronized (seeds) {
                    random = seeds.split();
                }
                Thread.ofVirtual().start(() -> connect(client, random));
            } catch (IOException e) {
                if (!closed) {
                    System.err.println("proxy on port " + port() + ": " + e.getMessage());
                }
            }
        }
    }

    private void connect(Socket client, SplittableRandom random) {
        Socket server = new Socket();
        open.add(client);
        open.add(server);
        try {
            client.setTcpNoDelay(true);
            server.setTcpNoDelay(true);
            server.connect(upstream, 5_000);
        } catch (IOException e) {
            closeQuietly(client);
            closeQuietly(server);
            open.remove(client);
            open.remove(server);
            return;
        }
        SplittableRandom other = random.split();
        Thread up = Thread.ofVirtual().start(() -> pump(client, server, random));
        pump(server, client, other);
        try {
            up.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(client);
        closeQuietly(server);
        open.remove(client);
        open.remove(server);
    }

    /**
     * Reads chunks from one socket and writes each to the other at its release time. The reader
     * and the writer are separate threads, so a held chunk never stops the next from being read
     * (and timed) as it arrives.
     */
    private void pump(Socket from, Socket to, SplittableRandom random) {
        BlockingQueue<Chunk> queue = new LinkedBlockingQueue<>();
        Thread writer = Thread.ofVirtual().start(() -> release(queue, to));
        long lastRelease = 0;
        try {
            InputStream in = from.getInputStream();
            byte[] buffer = new byte[CHUNK_BYTES];
            int n;
            while ((n = in.read(buffer)) > 0) {
                long delay = maxDelayNanos == 0 ? 0 : random.nextLong(maxDelayNanos + 1);
                lastRelease = Math.max(System.nanoTime() + delay, lastRelease);
                queue.add(new Chunk(Arrays.copyOf(buffer, n), lastRelease));
            }
        } catch (IOException e) {
            // the connection closed or broke: pass the end on
        }
        queue.add(new Chunk(END, lastRelease));
        try {
            writer.join();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void release(BlockingQueue<Chunk> queue, Socket to) {
        try {
            OutputStream out = to.getOutputStream();
            while (true) {
                Chunk chunk = queue.take();
                long wait;
                while ((wait = chunk.releaseNanos() - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                if (chunk.bytes() == END) {
                    to.shutdownOutput();
                    return;
                }
                out.write(chunk.bytes());
                out.flush();
            }
        } catch (IOException e) {
            closeQuietly(to);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        closed = true;
        closeQuietly(listener);
        acceptor.interrupt();
        open.forEach(DelayProxy::closeQuietly);
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            // closing anyway
        }
    }

    private record Chunk(byte[] bytes, long releaseNanos) {}
}
