package dev.riffcode.ui;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * The model settings the settings dialog keeps in the user's config file ({@code config.json}, the one
 * {@link dev.riffcode.llm.LlmSettings} reads): {@code base_url}, {@code model}, and each key under its own endpoint
 * in {@code api_keys}, so it is sent only there. Other entries of the file are kept as they are. The file is
 * readable by its owner only (rw-------), and it lives outside the repository and the sessions.
 */
final class UserConfig {

    private static final ObjectMapper JSON = new ObjectMapper();
    static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
    static final Set<PosixFilePermission> OWNER_ONLY_DIR = PosixFilePermissions.fromString("rwx------");

    /**
     * What the file says: the endpoint and model (null when unset), and whether a key is stored for that endpoint.
     */
    record Values(String baseUrl, String model, boolean hasKey) {
    }

    private UserConfig() {
    }

    static Values read(Path file) throws IOException {
        ObjectNode root = load(file);
        String base = text(root, "base_url") == null ? null : text(root, "base_url").replaceAll("/+$", "");
        boolean key = base != null && keys(root).hasNonNull(base) || base == null && root.hasNonNull("api_key");
        return new Values(base, text(root, "model"), key);
    }

    /**
     * Sets the endpoint and model (blank: unset, which means the offline generator when no key is set elsewhere) and,
     * when {@code key} is not blank, the key for that endpoint. A blank key keeps the one stored for it.
     *
     * @throws IOException when the file cannot be read as JSON or written; it is left as it was
     */
    static void write(Path file, String baseUrl, String model, String key) throws IOException {
        ObjectNode root = load(file);
        String base = blankToNull(baseUrl) == null ? null : baseUrl.strip().replaceAll("/+$", "");
        set(root, "base_url", base);
        set(root, "model", blankToNull(model));
        if (blankToNull(key) != null) {
            if (base == null) {
                throw new IOException("a key needs its endpoint: fill in the endpoint it is for (for OpenAI, "
                        + "https://api.openai.com/v1)");
            }
            ObjectNode keys = root.has("api_keys") && root.get("api_keys").isObject() ? (ObjectNode) root.get("api_keys")
                    : root.putObject("api_keys");
            keys.put(base, key.strip());
        }
        Path dir = file.toAbsolutePath().getParent();
        if (!Files.isDirectory(dir)) {
            Files.createDirectories(dir);
            ownerOnly(dir, OWNER_ONLY_DIR);
        }
        byte[] bytes = JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(root);
        if (supportsPosix(dir)) {
            TextFiles.writeAtomically(file, bytes, PosixFilePermissions.asFileAttribute(OWNER_ONLY));
        } else {
            TextFiles.writeAtomically(file, bytes);
        }
        ownerOnly(file, OWNER_ONLY);   // an older file written by hand may have been readable by others
    }

    private static ObjectNode load(Path file) throws IOException {
        String text;
        try {
            text = Files.readString(file, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return JSON.createObjectNode();
        }
        if (text.isBlank()) {
            return JSON.createObjectNode();
        }
        JsonNode node;
        try {
            node = JSON.readTree(text);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            // Not Jackson's message: it quotes the offending text, which may be a key.
            String where = e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr();
            throw new IOException(file + " is not valid JSON" + where + "; fix or delete it");
        }
        if (!(node instanceof ObjectNode object)) {
            throw new IOException(file + " must hold a JSON object; fix or delete it");
        }
        return object;
    }

    private static ObjectNode keys(ObjectNode root) {
        JsonNode keys = root.get("api_keys");
        return keys instanceof ObjectNode o ? o : JSON.createObjectNode();
    }

    private static String text(ObjectNode root, String name) {
        JsonNode v = root.get(name);
        return v != null && v.isTextual() && !v.asText().isBlank() ? v.asText() : null;
    }

    private static void set(ObjectNode root, String name, String value) {
        if (value == null) {
            root.remove(name);
        } else {
            root.put(name, value.strip());
        }
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    private static boolean supportsPosix(Path dir) {
        return dir.getFileSystem().supportedFileAttributeViews().contains("posix");
    }

    private static void ownerOnly(Path path, Set<PosixFilePermission> permissions) throws IOException {
        if (supportsPosix(path.toAbsolutePath().getParent())) {
            Files.setPosixFilePermissions(path, permissions);
        }
    }
}
