package dev.riffcode.clip;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import javax.imageio.ImageIO;

/** The tone fixtures of the clip tests (see src/test/resources/clip/README.md) and their spectrogram pictures. */
final class ClipFixtures {

    private static byte[] a440Jpeg;

    private ClipFixtures() {
    }

    static byte[] resource(String name) {
        try (InputStream in = ClipFixtures.class.getResourceAsStream("/clip/" + name)) {
            if (in == null) {
                throw new IllegalStateException("missing test resource /clip/" + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] a440Mp3() {
        return resource("a440.mp3");
    }

    static byte[] cegMp3() {
        return resource("ceg.mp3");
    }

    /** A Riffusion-style JPEG (no EXIF, as the server sends) of a 5.11 s 440 Hz sine, made by our own encoder. */
    static synchronized byte[] a440Jpeg() {
        if (a440Jpeg == null) {
            float[] x = SpectrogramRoundTripTest.sine(440, 0.5, SpectrogramParams.SEGMENT_SAMPLES);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try {
                ImageIO.write(SpectrogramImage.toImage(SpectrogramConverter.melFromAudio(x)), "jpeg", out);
            } catch (IOException e) {
                throw new IllegalStateException(e);
            }
            a440Jpeg = out.toByteArray();
        }
        return a440Jpeg;
    }
}
