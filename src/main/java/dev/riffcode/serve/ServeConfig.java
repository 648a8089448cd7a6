package dev.riffcode.serve;

import dev.riffcode.llm.LlmSettings;
import dev.riffcode.llm.Templates;
import dev.riffcode.runtime.WorkerSettings;
import java.net.InetAddress;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * How a service runs.
 *
 * @param bind             the address it listens on; 127.0.0.1 unless asked otherwise
 * @param port             0 picks a free port
 * @param workers          warm sandbox workers (each a process with its own heap)
 * @param queue            jobs that may wait for a worker; one more is answered 503 with Retry-After
 * @param token            the bearer token every request but /health and /openapi.yaml must carry
 * @param maxBodyBytes     longest request body; a longer one is answered 413
 * @param maxTimeoutMillis highest script wall-time bound a request may ask for
 * @param maxPieceSeconds  longest piece a request may ask for
 * @param sessions         the session store's folder
 * @param llm              the model endpoint for generate (its key stays here), or null for the offline generator only
 */
public record ServeConfig(InetAddress bind, int port, int workers, int queue, String token, long maxBodyBytes,
        long maxTimeoutMillis, double maxPieceSeconds, Path sessions, WorkerSettings workerSettings,
        LlmSettings llm, Templates templates) {

    public static final int DEFAULT_PORT = 7333;
    public static final long DEFAULT_MAX_BODY = 1L << 20;
    public static final long DEFAULT_MAX_TIMEOUT_MILLIS = 60_000;
    public static final double DEFAULT_MAX_PIECE_SECONDS = 600;
    /** Shortest token accepted: a guessable token on a network address is no lock at all. */
    public static final int MIN_TOKEN_CHARS = 16;

    /** Workers when not told: one per core, at most 4, at least 1. */
    public static int defaultWorkers() {
        return Math.max(1, Math.min(4, Runtime.getRuntime().availableProcessors()));
    }

    /** Queue places when not told: four per worker. */
    public static int defaultQueue(int workers) {
        return 4 * workers;
    }

    /**
     * Why these settings must not start, or null: a service on any address but the loopback needs a token chosen by
     * the person who starts it (the clients must be given it), and a token must be long enough not to be guessed.
     */
    public static String refusal(InetAddress bind, String givenToken) {
        if (givenToken != null) {
            if (givenToken.length() < MIN_TOKEN_CHARS) {
                return "the token is " + givenToken.length() + " characters; use at least " + MIN_TOKEN_CHARS
                        + " (e.g. openssl rand -hex 24)";
            }
            if (!givenToken.chars().allMatch(c -> c > 32 && c < 127)) {
                return "the token must be printable ASCII without spaces";
            }
        }
        if (!bind.isLoopbackAddress() && givenToken == null) {
            return "refusing to listen on " + bind.getHostAddress() + " without a token: anyone who can reach that "
                    + "address could run scripts and read every session. Set RIFFCODE_SERVE_TOKEN (or --token) to a "
                    + "secret of at least " + MIN_TOKEN_CHARS + " characters and give it to the clients, or leave out "
                    + "--bind to serve this machine only (127.0.0.1)";
        }
        return null;
    }

    /** A fresh random token (192 bits, URL-safe), for a loopback service started without one. */
    public static String randomToken() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** Never prints the token or the model's key. */
    @Override
    public String toString() {
        return "ServeConfig[" + bind.getHostAddress() + ":" + port + ", " + workers + " workers, queue " + queue + "]";
    }
}
