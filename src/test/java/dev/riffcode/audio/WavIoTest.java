package dev.riffcode.audio;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class WavIoTest {
    @TempDir Path dir;

    private static float[][] stereoTones(int frames) {
        float[][] ch = new float[2][frames];
        for (int i = 0; i < frames; i++) {
            ch[0][i] = (float) (0.8 * Math.sin(2 * Math.PI * 440 * i / 44100.0));
            ch[1][i] = (float) (-0.5 * Math.sin(2 * Math.PI * 660 * i / 44100.0));
        }
        return ch;
    }

    @ParameterizedTest
    @EnumSource(WavFormat.class)
    void roundTripIsWithinHalfAQuantisationStep(WavFormat format) throws IOException {
        float[][] in = stereoTones(10_000);
        Path file = dir.resolve("t.wav");
        WavWriter.writeAtomically(file, in, 48000, format);
        AudioClip back = WavReader.read(file);

        assertEquals(48000, back.sampleRate());
        assertEquals(2, back.channelCount());
        assertEquals(10_000, back.frames());
        double step = format.isFloat() ? 0 : Math.pow(2, 1 - format.bitsPerSample());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < in[c].length; i++) {
                // Tiny slack for float rounding of the scaled value itself.
                assertEquals(in[c][i], back.channels()[c][i], step / 2 + 1e-7, "sample " + i);
            }
        }
        assertEquals(file.toFile().length(), WavWriter.toBytes(in, 48000, format).length);
    }

    @Test
    void fullScaleClampsInsteadOfWrapping() throws IOException {
        float[] x = {1.0f, -1.0f, 1.5f, -2f, Float.NaN, Float.POSITIVE_INFINITY, 0.5f};
        byte[] wav16 = WavWriter.toBytes(new float[][] {x}, 44100, WavFormat.PCM_16);
        ByteBuffer b = ByteBuffer.wrap(wav16).order(ByteOrder.LITTLE_ENDIAN);
        short[] expected = {32767, -32768, 32767, -32768, 0, 32767, 16384};
        for (int i = 0; i < x.length; i++) {
            assertEquals(expected[i], b.getShort(44 + 2 * i), "16-bit sample " + i);
        }

        AudioClip back24 = WavReader.read(WavWriter.toBytes(new float[][] {x}, 44100,
                WavFormat.PCM_24));
        assertEquals(8388607 / 8388608f, back24.channels()[0][0]);
        assertEquals(-1f, back24.channels()[0][1]);
        assertEquals(0f, back24.channels()[0][4]);

        AudioClip backF = WavReader.read(WavWriter.toBytes(new float[][] {x}, 44100,
                WavFormat.FLOAT_32));
        assertArrayEquals(new float[] {1f, -1f, 1.5f, -2f, 0f, 1f, 0.5f}, backF.channels()[0]);
    }

    @Test
    void quantiserRoundsToNearest() {
        assertEquals(1, WavWriter.quantize(0.6f / 32768, 32768));
        assertEquals(0, WavWriter.quantize(0.4f / 32768, 32768));
        assertEquals(-1, WavWriter.quantize(-0.6f / 32768, 32768));
    }

    @Test
    void floatHeaderHasFactChunkAndConsistentSizes() {
        byte[] wav = WavWriter.toBytes(stereoTones(100), 44100, WavFormat.FLOAT_32);
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals("RIFF", ascii(wav, 0, 4));
        assertEquals(wav.length - 8, b.getInt(4));
        assertEquals(18, b.getInt(16));
        assertEquals(3, b.getShort(20)); // WAVE_FORMAT_IEEE_FLOAT
        assertEquals("fact", ascii(wav, 38, 4));
        assertEquals(100, b.getInt(46)); // frames per channel
        assertEquals("data", ascii(wav, 50, 4));
        assertEquals(100 * 2 * 4, b.getInt(54));
    }

    @Test
    void oddDataLengthIsPaddedAndReadsBack() throws IOException {
        float[][] x = {{0.1f, 0.2f, 0.3f}}; // 9 bytes of 24-bit data
        byte[] wav = WavWriter.toBytes(x, 8000, WavFormat.PCM_24);
        assertEquals(44 + 9 + 1, wav.length);
        assertEquals(wav.length - 8, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getInt(4));
        assertEquals(3, WavReader.read(wav).frames());
    }

    @Test
    void moreThanTwoPcmChannelsUseExtensibleHeader() throws IOException {
        float[][] x = new float[4][50];
        for (int c = 0; c < 4; c++) {
            x[c][10] = 0.25f * (c + 1);
        }
        byte[] wav = WavWriter.toBytes(x, 44100, WavFormat.PCM_24);
        assertEquals(0xFFFE, ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN).getShort(20)
                & 0xFFFF);
        AudioClip back = WavReader.read(wav);
        assertEquals(4, back.channelCount());
        for (int c = 0; c < 4; c++) {
            assertEquals(0.25f * (c + 1), back.channels()[c][10], 1e-6);
        }
    }

    @Test
    void readsEightAndThirtyTwoBitIntegerPcm() throws IOException {
        byte[] eight = wav(1, 1, 8000, 8, new byte[] {(byte) 128, (byte) 255, 0, (byte) 192});
        assertArrayEquals(new float[] {0f, 127 / 128f, -1f, 0.5f},
                WavReader.read(eight).channels()[0]);

        ByteBuffer data = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        data.putInt(Integer.MIN_VALUE).putInt(1 << 30);
        byte[] thirtyTwo = wav(1, 1, 8000, 32, data.array());
        assertArrayEquals(new float[] {-1f, 0.5f}, WavReader.read(thirtyTwo).channels()[0]);
    }

    @Test
    void skipsUnknownChunksBeforeData() throws IOException {
        byte[] plain = WavWriter.toBytes(new float[][] {{0.5f, -0.5f}}, 22050, WavFormat.PCM_16);
        // Insert a LIST chunk with an odd size (so it is padded) between fmt and data.
        byte[] list = {'L', 'I', 'S', 'T', 3, 0, 0, 0, 'a', 'b', 'c', 0};
        byte[] wav = new byte[plain.length + list.length];
        System.arraycopy(plain, 0, wav, 0, 36);
        System.arraycopy(list, 0, wav, 36, list.length);
        System.arraycopy(plain, 36, wav, 36 + list.length, plain.length - 36);
        assertArrayEquals(new float[] {0.5f, -0.5f}, WavReader.read(wav).channels()[0]);
    }

    @Test
    void errorsNameTheProblem() {
        IOException notWav = assertThrows(IOException.class,
                () -> WavReader.read("ID3 this is an mp3".getBytes(StandardCharsets.US_ASCII)));
        assertEquals("not a RIFF/WAVE file", notWav.getMessage());

        IOException mp3 = assertThrows(IOException.class,
                () -> WavReader.read(wav(0x55, 2, 44100, 0, new byte[16])));
        assertEquals("unsupported format tag 85 (MP3)", mp3.getMessage());

        byte[] full = WavWriter.toBytes(stereoTones(100), 44100, WavFormat.PCM_16);
        byte[] cut = java.util.Arrays.copyOf(full, full.length - 10);
        IOException truncated = assertThrows(IOException.class, () -> WavReader.read(cut));
        assertTrue(truncated.getMessage().startsWith("truncated data chunk"),
                truncated.getMessage());
    }

    @Test
    void errorFromFileNamesTheFile() throws IOException {
        Path bad = dir.resolve("bad.wav");
        Files.writeString(bad, "hello");
        IOException e = assertThrows(IOException.class, () -> WavReader.read(bad));
        assertEquals(bad + ": not a RIFF/WAVE file", e.getMessage());
    }

    @Test
    void streamingWriterMatchesInMemoryEncoding() throws IOException {
        float[][] all = stereoTones(50_001); // odd, and larger than the writer's buffer
        Path file = dir.resolve("s.wav");
        try (WavWriter w = WavWriter.open(file, 44100, 2, WavFormat.PCM_24)) {
            float[][] block = new float[2][777];
            for (int start = 0; start < 50_001; start += 777) {
                int n = Math.min(777, 50_001 - start);
                for (int c = 0; c < 2; c++) {
                    System.arraycopy(all[c], start, block[c], 0, n);
                }
                w.write(block, n);
            }
            assertEquals(50_001, w.framesWritten());
            assertFalse(Files.exists(file), "nothing at the target before commit");
            w.commit();
        }
        assertArrayEquals(WavWriter.toBytes(all, 44100, WavFormat.PCM_24), Files.readAllBytes(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void closingWithoutCommitLeavesOldFileAndNoTemp() throws IOException {
        Path file = dir.resolve("keep.wav");
        Files.writeString(file, "old");
        try (WavWriter w = WavWriter.open(file, 44100, 2, WavFormat.PCM_16)) {
            w.write(stereoTones(1000), 1000);
            assertEquals(2, listDir().size(), "temp file exists while writing");
        }
        assertEquals("old", Files.readString(file));
        assertEquals(List.of(file), listDir());
    }

    @Test
    void failedWriteLeavesNothingBehind() throws IOException {
        Path file = dir.resolve("new.wav");
        try (WavWriter w = WavWriter.open(file, 44100, 2, WavFormat.PCM_16)) {
            assertThrows(IllegalArgumentException.class, () -> w.write(new float[3][10], 10));
        }
        assertEquals(List.of(), listDir());
    }

    @Test
    void commitReplacesExistingFileAndWriterIsThenClosed() throws IOException {
        Path file = dir.resolve("r.wav");
        Files.writeString(file, "old");
        WavWriter w = WavWriter.open(file, 44100, 1, WavFormat.FLOAT_32);
        w.write(new float[][] {{0.25f}}, 1);
        w.commit();
        w.close(); // harmless after commit
        assertEquals(0.25f, WavReader.read(file).channels()[0][0]);
        assertThrows(IllegalStateException.class, () -> w.write(new float[][] {{0f}}, 1));
    }

    @Test
    void cliNames() {
        assertEquals(WavFormat.PCM_16, WavFormat.fromCliName("16"));
        assertEquals(WavFormat.PCM_24, WavFormat.fromCliName("24"));
        assertEquals(WavFormat.FLOAT_32, WavFormat.fromCliName("32F"));
        assertThrows(IllegalArgumentException.class, () -> WavFormat.fromCliName("8"));
    }

    /** soxi must read our files without complaint; skipped where sox is not installed. */
    @ParameterizedTest
    @EnumSource(WavFormat.class)
    void soxReadsOurFiles(WavFormat format) throws Exception {
        assumeTrue(onPath("soxi"), "soxi not installed");
        for (int channels : new int[] {1, 2, 4}) {
            float[][] x = new float[channels][4410];
            for (int c = 0; c < channels; c++) {
                x[c] = Signals.sine(220 * (c + 1), 0.5, 0.1);
            }
            Path file = dir.resolve("sox-" + format.cliName() + "-" + channels + ".wav");
            WavWriter.writeAtomically(file, x, 44100, format);

            assertEquals(String.valueOf(channels), soxi("-c", file));
            assertEquals("44100", soxi("-r", file));
            assertEquals("4410", soxi("-s", file));
            assertEquals(String.valueOf(format.bitsPerSample()), soxi("-b", file));
            assertEquals(format.isFloat() ? "Floating Point PCM" : "Signed Integer PCM",
                    soxi("-e", file));
        }
    }

    private static String soxi(String option, Path file) throws Exception {
        Process p = new ProcessBuilder("soxi", option, file.toString()).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), err);
        assertEquals("", err, "soxi warned about " + file.getFileName());
        return out;
    }

    private static boolean onPath(String program) {
        String path = System.getenv("PATH");
        return path != null && Stream.of(path.split(java.io.File.pathSeparator))
                .anyMatch(d -> Files.isExecutable(Path.of(d, program)));
    }

    private List<Path> listDir() throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        }
    }

    private static String ascii(byte[] b, int from, int len) {
        return new String(b, from, len, StandardCharsets.US_ASCII);
    }

    /** A minimal hand-made WAV file with any format tag, for formats WavWriter does not write. */
    private static byte[] wav(int tag, int channels, int rate, int bits, byte[] data) {
        int blockAlign = Math.max(1, channels * bits / 8);
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data.length)
                .put("WAVE".getBytes(StandardCharsets.US_ASCII))
                .put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16)
                .putShort((short) tag).putShort((short) channels).putInt(rate)
                .putInt(rate * blockAlign).putShort((short) blockAlign).putShort((short) bits)
                .put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data.length).put(data);
        return b.array();
    }
}
