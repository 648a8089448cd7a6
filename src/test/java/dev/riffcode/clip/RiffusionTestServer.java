package dev.riffcode.clip;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.function.IntFunction;

/**
 * A real HTTP server on 127.0.0.1 speaking Riffusion's inference protocol: {@code POST /run_inference/} with an
 * InferenceInput, answered by {@code answer} (called with the request's number, from 1) with a status and body.
 */
final class RiffusionTestServer implements AutoCloseable {

    record Answer(int status, byte[] body, long delayMillis) {
        static Answer json(String json) {
            return new Answer(200, json.getBytes(StandardCharsets.UTF_8), 0);
        }
    }

    final List<JsonNode> requests = new CopyOnWriteArrayList<>();
    private final HttpServer server;

    RiffusionTestServer(IntFunction<Answer> answer) throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newCachedThreadPool(r -> {
            Thread t = new Thread(r, "riffusion-test-server");
            t.setDaemon(true);
            return t;
        }));
        server.createContext("/run_inference/", exchange -> {
            try (exchange) {
                if (!exchange.getRequestMethod().equals("POST")) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                byte[] in;
                try (InputStream body = exchange.getRequestBody()) {
                    in = body.readAllBytes();
                }
                requests.add(new ObjectMapper().readTree(in));
                Answer a = answer.apply(requests.size());
                if (a.delayMillis() > 0) {
                    try {
                        Thread.sleep(a.delayMillis());
                    } catch (InterruptedException e) {
                        return;
                    }
                }
                exchange.getResponseHeaders().add("Content-Type", "application/json");
                exchange.sendResponseHeaders(a.status(), a.body().length == 0 ? -1 : a.body().length);
                exchange.getResponseBody().write(a.body());
            } catch (IOException e) {
                // the client went away (timeout or cancel tests)
            }
        });
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    /** An InferenceOutput as Riffusion's server writes it. */
    static String output(byte[] jpeg, byte[] mp3) {
        return "{\"image\": \"data:image/jpeg;base64," + Base64.getEncoder().encodeToString(jpeg)
                + "\", \"audio\": \"data:audio/mpeg;base64," + Base64.getEncoder().encodeToString(mp3)
                + "\", \"duration_s\": 5.11}";
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
