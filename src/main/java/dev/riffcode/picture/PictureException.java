package dev.riffcode.picture;

/** A picture that cannot be used; the message names the file, the problem and what to do. */
public final class PictureException extends Exception {

    public PictureException(String message) {
        super(message);
    }

    public PictureException(String message, Throwable cause) {
        super(message, cause);
    }
}
