package dev.riffcode.engine.realtime;

/** An audio device cannot be used; the message says why and what to do, ready to show as it is. */
public final class AudioDeviceException extends Exception {

    private static final long serialVersionUID = 1L;

    public AudioDeviceException(String message) {
        super(message);
    }

    public AudioDeviceException(String message, Throwable cause) {
        super(message, cause);
    }
}
