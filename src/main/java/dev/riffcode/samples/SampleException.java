package dev.riffcode.samples;

import java.io.IOException;

/** A sample that cannot be played: its message names the sample (and the file) and says what is wrong. */
public final class SampleException extends IOException {

    private static final long serialVersionUID = 1L;

    public SampleException(String message) {
        super(message);
    }

    public SampleException(String message, Throwable cause) {
        super(message, cause);
    }
}
