package dev.clocksync.daemon;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A loopback proxy in front of one agent that, while told to, delivers POST requests and throws
 * their answers away: the agent acts on the request, the sender never hears back.
 */
final class LostAnswerProxy implements AutoCloseable {

    private static final byte[] POST = "POST ".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] GET = "GET ".getBytes(StandardCharsets.US_ASCII);

    private final ServerSocket server;
    private final int targetPort;
    private final Set<Socket> sockets = ConcurrentHashMap.newKeySet();
    private volatile boolean losingAnswers;

    LostAnswerProxy(int targetPort) throws IOException {
        this.targetPort = targetPort;
        this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().start(this::acceptLoop);
    }

    int port() {
        return server.getLocalPort();
    }

    void loseAnswersToPosts(boolean losing) {
        this.losingAnswers = losing;
    }

    private void acceptLoop() {
        while (!server.isClosed()) {
            try {
                Socket client = server.accept();
                Socket upstream = new Socket(InetAddress.getLoopbackAddress(), targetPort);
                sockets.add(client);
                sockets.add(upstream);
                AtomicBoolean answerToPost = new AtomicBoolean();
                Thread.ofVirtual().start(() -> pipe(client, upstream, answerToPost, true));
                Thread.ofVirtual().start(() -> pipe(upstream, client, answerToPost, false));
            } catch (IOException e) {
                return;
            }
        }
    }

    private void pipe(Socket from, Socket to, AtomicBoolean answerToPost, boolean requests) {
        byte[] buffer = new byte[16 * 1024];
        try (InputStream in = from.getInputStream();
                OutputStream out = to.getOutputStream()) {
            int n;
            while ((n = in.read(buffer)) >= 0) {
                if (requests && startsWith(buffer, n, GET)) {
                    answerToPost.set(false);
                } else if (requests && startsWith(buffer, n, POST)) {
                    answerToPost.set(true); // the body may follow in reads of its own
                } else if (!requests && answerToPost.get() && losingAnswers) {
                    continue; // an answer to a POST: thrown away (a request's body always goes through)
                }
                out.write(buffer, 0, n);
                out.flush();
            }
        } catch (IOException e) {
            // either side closed
        } finally {
            if (requests) {
                // The sender gave up (its read timed out): let the agent still read what it was sent
                // and answer into the void, as a real network would, instead of aborting it.
                halfClose(to);
            } else {
                close(from);
                close(to);
            }
        }
    }

    private static void halfClose(Socket upstream) {
        try {
            upstream.shutdownOutput();
        } catch (IOException e) {
            // already closed
        }
    }

    private static boolean startsWith(byte[] buffer, int length, byte[] prefix) {
        if (length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if (buffer[i] != prefix[i]) {
                return false;
            }
        }
        return true;
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
