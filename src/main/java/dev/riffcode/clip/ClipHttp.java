package dev.riffcode.clip;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.UnknownHostException;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.LongConsumer;

/**
 * One HTTP exchange of a clip backend: waits for the answer while telling the elapsed seconds, gives up at the
 * timeout or when cancelled, and turns every way it can fail into a {@link ClipException} that says what to do.
 */
final class ClipHttp {

    /** Longest answer accepted (a 30 s Riffusion answer is well under 4 MB). */
    static final int MAX_BODY = 64 * 1024 * 1024;

    private final HttpClient client;
    private final Duration timeout;
    private final String service;
    private final String hint;

    /**
     * @param service what the user calls the server, e.g. "the Riffusion server at http://127.0.0.1:3013"
     * @param hint    what to do when it cannot be reached
     */
    ClipHttp(Duration timeout, String service, String hint) {
        this.timeout = timeout;
        this.service = service;
        this.hint = hint;
        this.client = HttpClient.newBuilder().connectTimeout(timeout.compareTo(Duration.ofSeconds(10)) < 0 ? timeout
                : Duration.ofSeconds(10)).followRedirects(HttpClient.Redirect.NORMAL).build();
    }

    Duration timeout() {
        return timeout;
    }

    static HttpRequest.Builder request(URI uri, Duration timeout) {
        return HttpRequest.newBuilder(uri).timeout(timeout).header("User-Agent", "riffcode");
    }

    /**
     * Sends and waits, calling {@code waited} with the whole seconds waited so far about once a second.
     *
     * @throws ClipException UNREACHABLE, TIMEOUT or CANCELLED; an HTTP error status is returned, not thrown
     */
    HttpResponse<byte[]> send(HttpRequest request, ClipBackend.Cancel cancel, LongConsumer waited)
            throws ClipException {
        CompletableFuture<HttpResponse<byte[]>> future = client.sendAsync(request,
                HttpResponse.BodyHandlers.ofByteArray());
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos() + TimeUnit.SECONDS.toNanos(2);
        while (true) {
            if (cancel != null && cancel.isCancelled()) {
                future.cancel(true);
                throw new ClipException(ClipException.Kind.CANCELLED, "cancelled while waiting for " + service);
            }
            try {
                HttpResponse<byte[]> response = future.get(200, TimeUnit.MILLISECONDS);
                if (response.body() != null && response.body().length > MAX_BODY) {
                    throw new ClipException(ClipException.Kind.BAD_ANSWER, service + " sent more than "
                            + (MAX_BODY >> 20) + " MB; that is not a clip");
                }
                return response;
            } catch (TimeoutException e) {
                long now = System.nanoTime();
                if (now > deadline) { // the client's own timeout should have fired; never hang
                    future.cancel(true);
                    throw timedOut();
                }
                if (waited != null) {
                    waited.accept(TimeUnit.NANOSECONDS.toSeconds(now - start));
                }
            } catch (InterruptedException e) {
                future.cancel(true);
                Thread.currentThread().interrupt();
                throw new ClipException(ClipException.Kind.CANCELLED, "cancelled while waiting for " + service);
            } catch (ExecutionException e) {
                throw failed(e.getCause());
            }
        }
    }

    private ClipException timedOut() {
        return new ClipException(ClipException.Kind.TIMEOUT, service + " did not answer within "
                + timeout.toSeconds() + " s; it may be busy or still loading its model. Try again, or allow longer "
                + "with --clip-timeout");
    }

    private ClipException failed(Throwable cause) {
        if (cause instanceof HttpConnectTimeoutException) {
            return new ClipException(ClipException.Kind.UNREACHABLE, "cannot connect to " + service
                    + " (no answer to the connection). " + hint, cause);
        }
        if (cause instanceof HttpTimeoutException) {
            return timedOut();
        }
        for (Throwable c = cause; c != null; c = c.getCause()) {
            if (c instanceof ConnectException) {
                return new ClipException(ClipException.Kind.UNREACHABLE, "cannot connect to " + service
                        + " (connection refused). " + hint, cause);
            }
            if (c instanceof UnknownHostException) {
                return new ClipException(ClipException.Kind.UNREACHABLE, "cannot find " + service
                        + " (unknown host name). " + hint, cause);
            }
        }
        String what = cause instanceof IOException && cause.getMessage() != null ? cause.getMessage()
                : String.valueOf(cause);
        return new ClipException(ClipException.Kind.UNREACHABLE, "the connection to " + service + " failed ("
                + what + "). " + hint, cause);
    }

    /** The start of a body, as text, to quote in a message (at most 200 characters, one line). */
    static String quote(byte[] body) {
        if (body == null || body.length == 0) {
            return "(empty)";
        }
        String text = new String(body, 0, Math.min(body.length, 400), StandardCharsets.UTF_8)
                .replaceAll("\\s+", " ").strip();
        return text.length() > 200 ? text.substring(0, 200) + "..." : text;
    }
}
