package dev.riffcode.api;

import dev.riffcode.runtime.ScriptRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The API reference, written by the sandbox from the module's docstrings. Writing it takes seconds
 * in an interpreted GraalPy, so it is kept in a cache file named after a hash of everything it is
 * made from; any change to the API or the catalogue makes a new one.
 */
public final class ApiReference {

    private final Path cacheDir;

    public ApiReference(Path cacheDir) {
        this.cacheDir = cacheDir;
    }

    /** The cache under ~/.cache/riffcode (or $XDG_CACHE_HOME/riffcode). */
    public static ApiReference userCache() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path base = xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache");
        return new ApiReference(base.resolve("riffcode"));
    }

    public String get(ScriptRunner runner) throws IOException {
        Path file = cacheDir.resolve("api-reference-" + fingerprint() + ".md");
        if (Files.isRegularFile(file)) {
            return Files.readString(file, StandardCharsets.UTF_8);
        }
        String text = runner.apiReference();
        try {
            Files.createDirectories(cacheDir);
            Path tmp = Files.createTempFile(cacheDir, "api-reference-", ".tmp");
            Files.writeString(tmp, text, StandardCharsets.UTF_8);
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            // A cache that cannot be written only costs time.
        }
        return text;
    }

    static String fingerprint() {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            sha.update(PythonSources.module().getBytes(StandardCharsets.UTF_8));
            sha.update(PythonSources.bootstrap().getBytes(StandardCharsets.UTF_8));
            sha.update(CatalogJson.build().getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(sha.digest()).substring(0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
