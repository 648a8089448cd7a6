package dev.riffcode.serve;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Small helpers over the JDK's HTTP exchange: bounded bodies, JSON answers, errors with a reason. */
final class Http {

    static final ObjectMapper JSON = new ObjectMapper();
    /** Bytes of an oversized body read and thrown away before answering 413, so the client sees the answer. */
    private static final long DRAIN_LIMIT = 8L << 20;

    private Http() {
    }

    /** An answer that ends the request: a status, an error word and a sentence saying what to do. */
    static final class Failure extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;
        final String error;
        final transient ObjectNode extra;
        final long retryAfter;

        Failure(int status, String error, String message) {
            this(status, error, message, null, 0);
        }

        Failure(int status, String error, String message, ObjectNode extra, long retryAfter) {
            super(message);
            this.status = status;
            this.error = error;
            this.extra = extra;
            this.retryAfter = retryAfter;
        }
    }

    /**
     * The request body, at most {@code limit} bytes; a longer one is a 413 (its announced length is checked before
     * anything is read).
     */
    static byte[] body(HttpExchange ex, long limit) throws IOException, Failure {
        String announced = ex.getRequestHeaders().getFirst("Content-Length");
        if (announced != null) {
            long length;
            try {
                length = Long.parseLong(announced.trim());
            } catch (NumberFormatException e) {
                throw new Failure(400, "bad_request", "the Content-Length header is not a number");
            }
            if (length > limit) {
                drain(ex.getRequestBody(), Math.min(length, DRAIN_LIMIT));
                throw tooLarge(length, limit);
            }
        }
        InputStream in = ex.getRequestBody();
        byte[] body = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            drain(in, DRAIN_LIMIT);
            throw tooLarge(-1, limit);
        }
        return body;
    }

    private static Failure tooLarge(long length, long limit) {
        return new Failure(413, "too_large", (length >= 0 ? "the request body is " + length + " bytes" : "the request body is too large")
                + "; this service takes at most " + limit + " bytes (serve --max-body)");
    }

    private static void drain(InputStream in, long max) {
        try {
            byte[] buf = new byte[64 << 10];
            long left = max;
            int n;
            while (left > 0 && (n = in.read(buf, 0, (int) Math.min(buf.length, left))) > 0) {
                left -= n;
            }
        } catch (IOException ignored) {
            // the client went away; the answer may still reach it
        }
    }

    /** The body as a JSON object, or a 400 saying what is wrong with it. */
    static JsonNode jsonObject(byte[] body) throws Failure {
        JsonNode node;
        try {
            node = JSON.readTree(body);
        } catch (IOException e) {
            throw new Failure(400, "bad_json", "the body is not valid JSON: " + firstLine(e.getMessage()));
        }
        if (node == null || !node.isObject()) {
            throw new Failure(400, "bad_json", "the body must be a JSON object, such as {\"code\": \"play(60)\"}");
        }
        return node;
    }

    static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
        byte[] bytes = JSON.writeValueAsBytes(value);
        ex.getResponseHeaders().set("Content-Type", "application/json; charset=utf-8");
        send(ex, status, bytes);
    }

    static void send(HttpExchange ex, int status, byte[] bytes) throws IOException {
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
        ex.close();
    }

    static void sendFailure(HttpExchange ex, Failure f) throws IOException {
        ObjectNode body = JSON.createObjectNode();
        body.put("error", f.error);
        body.put("message", f.getMessage());
        if (f.extra != null) {
            body.setAll(f.extra);
        }
        if (f.retryAfter > 0) {
            ex.getResponseHeaders().set("Retry-After", Long.toString(f.retryAfter));
        }
        if (f.status == 413) {
            // The client may still be sending; a fresh connection is cleaner than a half-read one.
            ex.getResponseHeaders().set("Connection", "close");
        }
        if (f.status == 401) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer realm=\"riffcode\"");
        }
        sendJson(ex, f.status, body);
    }

    static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    static String firstLine(String s) {
        if (s == null) {
            return "";
        }
        int nl = s.indexOf('\n');
        return nl < 0 ? s : s.substring(0, nl);
    }

    /** True when the client asked for JSON rather than the default answer. */
    static boolean wantsJson(HttpExchange ex) {
        String accept = ex.getRequestHeaders().getFirst("Accept");
        return accept != null && accept.contains("application/json") && !accept.contains("audio/wav");
    }
}
