package dev.riffcode.samples;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** The sample folders the user's config file lists: {@code "sample_folders": ["~/samples", "/data/kits"]}. */
public final class SampleConfig {

    private static final ObjectMapper JSON = new ObjectMapper();

    private SampleConfig() {
    }

    /**
     * The folders listed in {@code configFile} (a leading {@code ~/} is the home folder), in order; none when the file
     * or the key is missing.
     *
     * @throws IllegalArgumentException saying what is wrong with the file
     */
    public static List<Path> folders(Path configFile) {
        String text;
        try {
            text = Files.readString(configFile);
        } catch (NoSuchFileException e) {
            return List.of();
        } catch (IOException e) {
            throw new IllegalArgumentException("the config file " + configFile + " cannot be read (" + e + ")");
        }
        if (text.isBlank()) {
            return List.of();
        }
        JsonNode root;
        try {
            root = JSON.readTree(text);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the config file " + configFile + " is not valid JSON");
        }
        JsonNode list = root == null ? null : root.get("sample_folders");
        if (list == null || list.isNull()) {
            return List.of();
        }
        if (!list.isArray()) {
            throw new IllegalArgumentException("\"sample_folders\" in " + configFile
                    + " must be a list of folders, like [\"~/samples\"]");
        }
        List<Path> out = new ArrayList<>();
        for (JsonNode item : list) {
            if (!item.isTextual() || item.asText().isBlank()) {
                throw new IllegalArgumentException("\"sample_folders\" in " + configFile + " must hold folder names, got "
                        + item);
            }
            String name = item.asText();
            out.add(name.equals("~") || name.startsWith("~/")
                    ? Path.of(System.getProperty("user.home")).resolve(name.substring(Math.min(2, name.length())))
                    : Path.of(name));
        }
        return out;
    }
}
