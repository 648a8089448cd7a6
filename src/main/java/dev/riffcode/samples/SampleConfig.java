package dev.riffcode.samples;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The sample folders the user's config file lists: {@code "sample_folders": ["~/samples", "/data/kits"]}. Read with
 * Jackson's streaming parser, not its object mapper: a render that goes to a warm service reads this file too, and
 * making the mapper took 45-50 ms of such a command (measured here).
 */
public final class SampleConfig {

    private static final JsonFactory JSON = new JsonFactory();

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
        List<String> names;
        try (JsonParser p = JSON.createParser(text)) {
            names = sampleFolders(p, configFile);
            while (p.nextToken() != null) {
                // the rest of the document, so that a mistake after the list is still found
            }
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the config file " + configFile + " is not valid JSON");
        } catch (IOException e) {
            throw new IllegalArgumentException("the config file " + configFile + " cannot be read (" + e + ")");
        }
        List<Path> out = new ArrayList<>();
        for (String name : names) {
            out.add(name.equals("~") || name.startsWith("~/")
                    ? Path.of(System.getProperty("user.home")).resolve(name.substring(Math.min(2, name.length())))
                    : Path.of(name));
        }
        return out;
    }

    /** The names under the top-level "sample_folders" (the last one, as a tree would keep), or none. */
    private static List<String> sampleFolders(JsonParser p, Path configFile) throws IOException {
        List<String> names = List.of();
        if (p.nextToken() != JsonToken.START_OBJECT) {
            p.skipChildren();
            return names;
        }
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            JsonToken value = p.nextToken();
            if (!field.equals("sample_folders")) {
                p.skipChildren();
                continue;
            }
            if (value == JsonToken.VALUE_NULL) {
                names = List.of();
                continue;
            }
            if (value != JsonToken.START_ARRAY) {
                throw new IllegalArgumentException("\"sample_folders\" in " + configFile
                        + " must be a list of folders, like [\"~/samples\"]");
            }
            List<String> listed = new ArrayList<>();
            for (JsonToken item = p.nextToken(); item != JsonToken.END_ARRAY; item = p.nextToken()) {
                if (item != JsonToken.VALUE_STRING || p.getText().isBlank()) {
                    throw new IllegalArgumentException("\"sample_folders\" in " + configFile
                            + " must hold folder names, got " + shown(p, item));
                }
                listed.add(p.getText());
            }
            names = listed;
        }
        return names;
    }

    /** An item as the message shows it: a value as JSON writes it, a list or object as such. */
    private static String shown(JsonParser p, JsonToken item) throws IOException {
        return switch (item) {
            case START_ARRAY -> "a list";
            case START_OBJECT -> "an object";
            case VALUE_STRING -> "\"" + p.getText() + "\"";
            default -> p.getText();
        };
    }
}
