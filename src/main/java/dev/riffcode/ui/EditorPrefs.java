package dev.riffcode.ui;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/** The editor's own small choices (the theme), in {@code editor.properties} in the state folder. */
final class EditorPrefs {

    private final Path file;
    private final Properties values = new Properties();

    EditorPrefs(Path stateDir) {
        this.file = stateDir.resolve("editor.properties");
        try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
            values.load(in);
        } catch (IOException e) {
            // None yet, or unreadable: the defaults apply.
        }
    }

    Theme theme() {
        try {
            return Theme.valueOf(values.getProperty("theme", Theme.SYSTEM.name()));
        } catch (IllegalArgumentException e) {
            return Theme.SYSTEM;
        }
    }

    /** Keeps the choice; a preference that cannot be written only costs the next launch its choice. */
    void theme(Theme theme) {
        values.setProperty("theme", theme.name());
        try {
            Files.createDirectories(file.getParent());
            Path tmp = Files.createTempFile(file.getParent(), "editor-", ".tmp");
            try (Writer out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
                values.store(out, "Riffcode editor");
            }
            Files.move(tmp, file, java.nio.file.StandardCopyOption.REPLACE_EXISTING,
                    java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        } catch (IOException e) {
            System.err.println("riffcode: could not keep the theme choice: " + e.getMessage());
        }
    }
}
