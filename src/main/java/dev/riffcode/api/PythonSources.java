package dev.riffcode.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The Python sources of the API, read from the classpath (scripts themselves have no file access). */
public final class PythonSources {

    public static final String BOOTSTRAP_NAME = "riffcode-bootstrap.py";

    private PythonSources() {
    }

    public static String module() {
        return read("riffcode.py");
    }

    public static String bootstrap() {
        return read("bootstrap.py");
    }

    private static String read(String resource) {
        try (InputStream in = PythonSources.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("missing resource " + resource + " (is the build complete?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
