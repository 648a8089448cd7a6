package dev.riffcode.llm;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The templates/ folder: prompt texts, offline-generator parts and the teaching examples. Nothing
 * a model is told lives in Java code; users edit these files.
 */
public final class Templates {

    private static final Pattern PLACEHOLDER = Pattern.compile("\\{\\{([a-z_]+)}}");

    private final Path root;

    public Templates(Path root) {
        this.root = root;
    }

    /** The templates/ folder of this checkout (next to the jar's build folder), or ./templates. */
    public static Templates locate() {
        String configured = System.getProperty("riffcode.templates");
        if (configured != null) {
            return new Templates(Path.of(configured));
        }
        try {
            Path code = Path.of(Templates.class.getProtectionDomain().getCodeSource().getLocation().toURI());
            for (Path p = code.getParent(); p != null; p = p.getParent()) {
                if (Files.isDirectory(p.resolve("templates/prompts"))) {
                    return new Templates(p.resolve("templates"));
                }
            }
        } catch (Exception e) {
            // fall through to the working directory
        }
        return new Templates(Path.of("templates"));
    }

    public Path root() {
        return root;
    }

    /** The text of templates/RELATIVE, with a clear error when it is missing. */
    public String read(String relative) {
        Path file = root.resolve(relative);
        try {
            return Files.readString(file, StandardCharsets.UTF_8).replace("\r\n", "\n");
        } catch (NoSuchFileException e) {
            throw new IllegalStateException("missing template " + file
                    + " (templates/ ships with Riffcode; restore it from git or point -Driffcode.templates at a copy)");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read template " + file, e);
        }
    }

    /** Fills {{name}} placeholders; an unknown placeholder is an error that names the template. */
    public String fill(String relative, Map<String, String> values) {
        String text = read(relative);
        Matcher m = PLACEHOLDER.matcher(text);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String value = values.get(m.group(1));
            if (value == null) {
                throw new IllegalStateException("template " + root.resolve(relative) + " uses {{" + m.group(1)
                        + "}}, which Riffcode does not provide here; known: " + values.keySet());
            }
            m.appendReplacement(out, Matcher.quoteReplacement(value));
        }
        m.appendTail(out);
        return out.toString();
    }
}
