package dev.clocksync.benchmarks.live;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The proxy passes every byte, in order, both ways, however it delays the chunks. */
class DelayProxyTest {

    @Test
    void everyByteArrivesInOrderBothWaysThroughADelayingProxy() throws Exception {
        try (ServerSocket echo = new ServerSocket(0, 10, InetAddress.getLoopbackAddress())) {
            Thread server = Thread.ofVirtual().start(() -> echoOnce(echo));
            try (DelayProxy proxy = new DelayProxy(
                            0,
                            new InetSocketAddress(InetAddress.getLoopbackAddress(), echo.getLocalPort()),
                            1_000_000,
                            7);
                    Socket client = new Socket(InetAddress.getLoopbackAddress(), proxy.port())) {
                byte[] sent = new byte[200_000];
                new Random(1).nextBytes(sent);
                Thread writer = Thread.ofVirtual().start(() -> {
                    try {
                        OutputStream out = client.getOutputStream();
                        for (int i = 0; i < sent.length; i += 1_000) {
                            out.write(sent, i, 1_000);
                        }
                        client.shutdownOutput();
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                });
                byte[] received = client.getInputStream().readAllBytes();
                writer.join();
                assertThat(received).isEqualTo(sent);
            }
            server.join();
        }
    }

    @Test
    void aNegativeDelayIsRefused() {
        assertThatThrownBy(() -> new DelayProxy(0, new InetSocketAddress(1), -1, 0))
                .hasMessageContaining("negative");
    }

    private static void echoOnce(ServerSocket listener) {
        try (Socket socket = listener.accept()) {
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            OutputStream out = socket.getOutputStream();
            byte[] buffer = new byte[4096];
            int n;
            while ((n = in.read(buffer)) > 0) {
                all.write(buffer, 0, n);
                out.write(buffer, 0, n);
            }
            socket.shutdownOutput();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
