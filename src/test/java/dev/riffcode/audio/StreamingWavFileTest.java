package dev.riffcode.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.io.TempDir;

/** A growing WAV file is readable at every flush, with exactly the samples written up to it. */
class StreamingWavFileTest {

    @TempDir
    Path dir;

    /** Interleaved stereo: a ramp on the left, its negative on the right, all on the 16-bit grid. */
    private static float[] frames(int from, int n) {
        float[] x = new float[2 * n];
        for (int i = 0; i < n; i++) {
            float v = ((from + i) % 20000 - 10000) / 32768f;
            x[2 * i] = v;
            x[2 * i + 1] = -v;
        }
        return x;
    }

    private static void assertHolds(AudioClip clip, int frames) {
        assertEquals(frames, clip.frames(), "frames");
        float[] want = frames(0, frames);
        for (int i = 0; i < frames; i++) {
            assertEquals(want[2 * i], clip.channels()[0][i], 0f, "left frame " + i);
            assertEquals(want[2 * i + 1], clip.channels()[1][i], 0f, "right frame " + i);
        }
    }

    @ParameterizedTest
    @EnumSource(WavFormat.class)
    void isReadableAtEveryFlushAndCompleteWhenClosed(WavFormat format) throws Exception {
        Path file = dir.resolve("rec-" + format.cliName() + ".wav");
        try (StreamingWavFile wav = StreamingWavFile.create(file, 44_100, 2, format)) {
            assertHolds(WavReader.read(file), 0);
            wav.write(frames(0, 30_000), 60_000); // more than the write buffer holds
            wav.sync();
            assertHolds(WavReader.read(file), 30_000);
            wav.write(frames(30_000, 1000), 2000);
            // Not flushed yet: a reader (or a crash) sees the file as of the last flush.
            assertHolds(WavReader.read(file), 30_000);
            wav.flush();
            assertHolds(WavReader.read(file), 31_000);
            wav.write(frames(31_000, 7), 14);
        }
        assertHolds(WavReader.read(file), 31_007);
        AudioClip clip = WavReader.read(file);
        assertEquals(44_100, clip.sampleRate());
    }

    @ParameterizedTest
    @EnumSource(WavFormat.class)
    void encodesAsTheWavWriterDoes(WavFormat format) throws Exception {
        float[][] block = {{0.25f, -1.5f, 0.1234567f, Float.NaN}, {1f, -1f, 0.5f, -0.00001f}};
        float[] interleaved = new float[8];
        for (int i = 0; i < 4; i++) {
            interleaved[2 * i] = block[0][i];
            interleaved[2 * i + 1] = block[1][i];
        }
        Path file = dir.resolve("enc.wav");
        try (StreamingWavFile wav = StreamingWavFile.create(file, 48_000, 2, format)) {
            wav.write(interleaved, 8);
        }
        assertArrayEquals(WavWriter.toBytes(block, 48_000, format), Files.readAllBytes(file));
    }
}
