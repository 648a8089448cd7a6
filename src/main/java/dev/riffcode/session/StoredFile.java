package dev.riffcode.session;

/**
 * A file of a session as the index records it, so that anyone can check that the file on disk is
 * the one that was written.
 *
 * @param name file name inside the session folder, such as {@code v3.py}
 * @param sha256 SHA-256 of the file's bytes, lower-case hex
 * @param bytes file size
 */
public record StoredFile(String name, String sha256, long bytes) {
}
