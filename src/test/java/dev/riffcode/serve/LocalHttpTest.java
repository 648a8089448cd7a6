package dev.riffcode.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The command line's HTTP/1.1 against the JDK's own HTTP server on 127.0.0.1, the server the service runs on. */
@Timeout(60)
class LocalHttpTest {

    private HttpServer server;
    private URI base;
    private final byte[] payload = new byte[3_000_001];

    @BeforeEach
    void start() throws IOException {
        new Random(7).nextBytes(payload);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 8);
        // In pieces of uneven size, chunked (length 0): as the service sends a WAV followed by its report.
        server.createContext("/chunked", ex -> {
            ex.getResponseHeaders().set("Retry-After", "7");
            ex.sendResponseHeaders(200, 0);
            try (OutputStream out = ex.getResponseBody()) {
                for (int at = 0, step = 1; at < payload.length; at += step, step = step * 3 % 70_001 + 1) {
                    out.write(payload, at, Math.min(step, payload.length - at));
                    out.flush();
                }
            }
        });
        server.createContext("/sized", ex -> {
            byte[] got = ex.getRequestBody().readAllBytes();
            byte[] answer = ("got " + got.length + " bytes, " + ex.getRequestHeaders().getFirst("Authorization"))
                    .getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(201, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        // Answers before reading the body, as the service does with a body over its limit.
        server.createContext("/early", ex -> {
            byte[] answer = "too large".getBytes(StandardCharsets.UTF_8);
            ex.sendResponseHeaders(413, answer.length);
            ex.getResponseBody().write(answer);
            ex.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    @Test
    void aChunkedAnswerComesBackWholeWithItsHeaders() throws IOException {
        try (LocalHttp.Answer a = LocalHttp.exchange(base, "GET", "/chunked", Map.of(), null, 2_000, 10_000)) {
            assertEquals(200, a.status());
            assertEquals("7", a.header("retry-after"), "header names in any case");
            assertEquals("chunked", a.header("Transfer-Encoding"));
            assertArrayEquals(payload, a.body().readAllBytes());
            assertEquals(-1, a.body().read(), "and nothing after its last chunk");
        }
    }

    @Test
    void aBodyGoesOutAndASizedAnswerComesBack() throws IOException {
        byte[] body = "{\"argv\": [\"a.py\"]}".getBytes(StandardCharsets.UTF_8);
        try (LocalHttp.Answer a = LocalHttp.exchange(base, "POST", "/sized", Map.of("Authorization", "Bearer t0k"), body,
                2_000, 10_000)) {
            assertEquals(201, a.status());
            assertEquals("got " + body.length + " bytes, Bearer t0k",
                    new String(a.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void anAnswerBeforeTheBodyIsReadIsStillHeard() throws IOException {
        try (LocalHttp.Answer a = LocalHttp.exchange(base, "POST", "/early", Map.of(), payload, 2_000, 10_000)) {
            assertEquals(413, a.status());
            assertEquals("too large", new String(a.body().readAllBytes(), StandardCharsets.UTF_8));
        }
    }

    @Test
    void noServerAndAServerThatSaysNothingAreNoAnswer() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        URI nobody = URI.create("http://127.0.0.1:" + closed);
        assertThrows(LocalHttp.NoAnswer.class, () -> LocalHttp.exchange(nobody, "GET", "/", Map.of(), null, 2_000, 2_000));
        try (ServerSocket silent = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            URI mute = URI.create("http://127.0.0.1:" + silent.getLocalPort());
            LocalHttp.NoAnswer e = assertThrows(LocalHttp.NoAnswer.class,
                    () -> LocalHttp.exchange(mute, "GET", "/", Map.of(), null, 2_000, 300));
            assertTrue(e.getMessage().contains("no answer within"), e.getMessage());
        }
    }
}
