package dev.riffcode.clip;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Mp3Reader;
import java.io.IOException;

/** A backend's MP3 answer to samples: recognises it and decodes it as {@link Mp3Reader} decodes sample files. */
public final class Mp3 {

    private Mp3() {
    }

    /** True when the bytes start like an MP3: an ID3 tag or a frame sync. */
    public static boolean looksLikeMp3(byte[] data) {
        return data.length >= 3 && (data[0] == 'I' && data[1] == 'D' && data[2] == '3'
                || (data[0] & 0xFF) == 0xFF && (data[1] & 0xE0) == 0xE0);
    }

    /**
     * Decodes a whole MP3 (gapless: the encoder's delay and padding are cut), with the decoder the sample files use.
     *
     * @throws ClipException ({@link ClipException.Kind#BAD_AUDIO}) when no frame decodes, or a frame is damaged
     */
    public static AudioClip decode(byte[] mp3) throws ClipException {
        try {
            return Mp3Reader.read(mp3);
        } catch (IOException | RuntimeException e) {
            throw new ClipException(ClipException.Kind.BAD_AUDIO, "the MP3 does not decode (" + e.getMessage()
                    + ")", e);
        }
    }
}
