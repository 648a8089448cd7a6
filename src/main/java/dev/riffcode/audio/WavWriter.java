package dev.riffcode.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.concurrent.ThreadLocalRandom;

/**
 * Writes float audio to RIFF/WAVE files in one of the {@link WavFormat}s.
 *
 * <p>Files are written atomically: samples go to a temporary file in the target's directory, which
 * is synced and then renamed over the target. Readers therefore see either the old file or the
 * complete new one, never a half-written one, and a failed write leaves no temporary file behind.
 *
 * <p>Conversion: integer formats scale by 2<sup>bits-1</sup>, round to nearest and clamp, so 1.0
 * becomes the largest positive code (32767 in 16-bit) instead of wrapping; NaN is written as 0.
 * The float format keeps finite values as they are (values above 1.0 survive), writes NaN as 0 and
 * infinities as &plusmn;1.0.
 *
 * <p>Header: IEEE float (tag 3) with the {@code fact} chunk that non-PCM data requires; PCM
 * (tag 1) for one or two channels and WAVE_FORMAT_EXTENSIBLE PCM for more, as the format
 * specification asks.
 *
 * <p>Streaming use: {@link #open}, any number of {@link #write} calls, then {@link #commit()}.
 * Closing without committing discards the file, so try-with-resources is safe:
 *
 * <pre>{@code
 * try (WavWriter w = WavWriter.open(path, 48000, 2, WavFormat.PCM_24)) {
 *     w.write(block, frames);
 *     w.commit();
 * }
 * }</pre>
 *
 * <p>A writer is not thread-safe.
 */
public final class WavWriter implements AutoCloseable {
    private static final int TAG_PCM = 1;
    private static final int TAG_IEEE_FLOAT = 3;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** RIFF sizes are unsigned 32-bit. */
    private static final long MAX_RIFF_SIZE = 0xFFFF_FFFFL;

    private enum State { OPEN, COMMITTED, ABORTED }

    private final Path target;
    private final Path temp;
    private final FileChannel out;
    private final int sampleRate;
    private final int channels;
    private final WavFormat format;
    private final ByteBuffer buffer;
    private long dataBytes;
    private State state = State.OPEN;

    private WavWriter(Path target, Path temp, FileChannel out, int sampleRate, int channels,
            WavFormat format) {
        this.target = target;
        this.temp = temp;
        this.out = out;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.format = format;
        this.buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    }

    /**
     * Starts writing a WAV file that will appear at {@code target} on {@link #commit()}.
     *
     * @param channels number of interleaved channels, at least 1
     * @throws IOException if the temporary file cannot be created
     */
    public static WavWriter open(Path target, int sampleRate, int channels, WavFormat format)
            throws IOException {
        checkLayout(sampleRate, channels, format);
        Path dir = target.toAbsolutePath().getParent();
        // Same directory as the target so the final rename is atomic (same file system).
        // CREATE_NEW with a random name instead of createTempFile keeps the usual permissions.
        Path temp = dir.resolve("." + target.getFileName() + "."
                + Long.toHexString(ThreadLocalRandom.current().nextLong()) + ".tmp");
        FileChannel out = FileChannel.open(temp, StandardOpenOption.CREATE_NEW,
                StandardOpenOption.WRITE);
        WavWriter writer = new WavWriter(target, temp, out, sampleRate, channels, format);
        try {
            // Placeholder header; commit() rewrites it with the real sizes.
            writer.writeFully(ByteBuffer.wrap(header(sampleRate, channels, format, 0)));
        } catch (IOException | RuntimeException e) {
            writer.abort();
            throw e;
        }
        return writer;
    }

    /** Writes a whole clip atomically to {@code target}. */
    public static void writeAtomically(Path target, AudioClip clip, WavFormat format)
            throws IOException {
        try (WavWriter w = open(target, clip.sampleRate(), clip.channelCount(), format)) {
            w.write(clip.channels(), clip.frames());
            w.commit();
        }
    }

    /** Writes {@code channels[c][frame]} atomically to {@code target}. */
    public static void writeAtomically(Path target, float[][] channels, int sampleRate,
            WavFormat format) throws IOException {
        writeAtomically(target, new AudioClip(sampleRate, channels), format);
    }

    /** Encodes {@code channels[c][frame]} as a complete WAV file in memory. */
    public static byte[] toBytes(float[][] channels, int sampleRate, WavFormat format) {
        AudioClip clip = new AudioClip(sampleRate, channels); // validates the shape
        checkLayout(sampleRate, clip.channelCount(), format);
        long data = (long) clip.frames() * clip.channelCount() * format.bytesPerSample();
        byte[] header = header(sampleRate, clip.channelCount(), format, data);
        long total = header.length + data + (data & 1);
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("audio too long for an in-memory WAV");
        }
        ByteBuffer b = ByteBuffer.allocate((int) total).order(ByteOrder.LITTLE_ENDIAN);
        b.put(header);
        for (int i = 0; i < clip.frames(); i++) {
            for (float[] ch : channels) {
                putSample(b, ch[i], format);
            }
        }
        return b.array(); // the pad byte, if any, is already 0
    }

    /**
     * Appends the first {@code frames} frames of {@code block[c][frame]}.
     *
     * @throws IOException if writing fails or the file would exceed the 4 GiB RIFF limit
     */
    public void write(float[][] block, int frames) throws IOException {
        checkOpen();
        if (block.length != channels) {
            throw new IllegalArgumentException(
                    "expected " + channels + " channels, got " + block.length);
        }
        for (float[] ch : block) {
            if (frames < 0 || ch.length < frames) {
                throw new IllegalArgumentException("block shorter than " + frames + " frames");
            }
        }
        int frameBytes = channels * format.bytesPerSample();
        long newSize = dataBytes + (long) frames * frameBytes;
        if (newSize > maxDataBytes(sampleRate, channels, format)) {
            throw new IOException("WAV data would exceed the 4 GiB RIFF size limit");
        }
        for (int i = 0; i < frames; i++) {
            if (buffer.remaining() < frameBytes) {
                flush();
            }
            for (float[] ch : block) {
                putSample(buffer, ch[i], format);
            }
        }
        dataBytes = newSize;
    }

    /** Frames written so far. */
    public long framesWritten() {
        return dataBytes / ((long) channels * format.bytesPerSample());
    }

    /**
     * Finishes the file: fills in the header sizes, syncs it to disk and atomically renames it to
     * the target, replacing any existing file. On failure the temporary file is deleted.
     */
    public void commit() throws IOException {
        checkOpen();
        try {
            flush();
            if ((dataBytes & 1) != 0) {
                writeFully(ByteBuffer.allocate(1)); // RIFF chunks are padded to even length
            }
            ByteBuffer header = ByteBuffer.wrap(header(sampleRate, channels, format, dataBytes));
            while (header.hasRemaining()) {
                out.write(header, header.position());
            }
            out.force(true);
            out.close();
            Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE,
                    StandardCopyOption.REPLACE_EXISTING);
            state = State.COMMITTED;
        } catch (IOException | RuntimeException e) {
            abort();
            throw e;
        }
        syncDirectory(temp.getParent());
    }

    /** Discards everything written: deletes the temporary file. Does nothing after commit. */
    public void abort() {
        if (state != State.OPEN) {
            return;
        }
        state = State.ABORTED;
        try {
            out.close();
        } catch (IOException ignored) {
            // Deleting the file below is what matters.
        }
        try {
            Files.deleteIfExists(temp);
        } catch (IOException ignored) {
            // Nothing more we can do; the name is hidden and marked .tmp.
        }
    }

    /** Aborts unless {@link #commit()} succeeded. */
    @Override
    public void close() {
        abort();
    }

    private void checkOpen() {
        if (state != State.OPEN) {
            throw new IllegalStateException("WAV writer already " + state.name().toLowerCase());
        }
    }

    private void flush() throws IOException {
        buffer.flip();
        writeFully(buffer);
        buffer.clear();
    }

    private void writeFully(ByteBuffer b) throws IOException {
        while (b.hasRemaining()) {
            out.write(b);
        }
    }

    /** Makes the rename durable; best effort, since not every platform can sync a directory. */
    private static void syncDirectory(Path dir) {
        try (FileChannel d = FileChannel.open(dir, StandardOpenOption.READ)) {
            d.force(true);
        } catch (IOException | RuntimeException ignored) {
            // The file itself is synced; losing the rename on power loss is the worst case.
        }
    }

    static void checkLayout(int sampleRate, int channels, WavFormat format) {
        if (sampleRate <= 0) {
            throw new IllegalArgumentException("sample rate must be positive: " + sampleRate);
        }
        // The fmt chunk stores the frame size in 16 bits.
        if (channels < 1 || channels * format.bytesPerSample() > 0xFFFF) {
            throw new IllegalArgumentException("unsupported channel count: " + channels);
        }
        if ((long) sampleRate * channels * format.bytesPerSample() > MAX_RIFF_SIZE) {
            throw new IllegalArgumentException("sample rate too high: " + sampleRate);
        }
    }

    static long maxDataBytes(int sampleRate, int channels, WavFormat format) {
        int headerSize = header(sampleRate, channels, format, 0).length;
        return MAX_RIFF_SIZE - (headerSize - 8) - 1; // -1 leaves room for a pad byte
    }

    /** The complete header up to and including the data chunk's size field; its length depends only on the layout. */
    static byte[] header(int sampleRate, int channels, WavFormat format, long dataBytes) {
        // Float stays on plain tag 3 at any channel count: sox, for one, warns about
        // extensible float headers, and tag 3 with a fact chunk is what sox itself writes.
        boolean extensible = channels > 2 && !format.isFloat();
        boolean fact = format.isFloat(); // required for every non-PCM format
        int fmtSize = extensible ? 40 : format.isFloat() ? 18 : 16;
        int size = 12 + 8 + fmtSize + (fact ? 12 : 0) + 8;
        int tag = format.isFloat() ? TAG_IEEE_FLOAT : TAG_PCM;
        int blockAlign = channels * format.bytesPerSample();

        ByteBuffer b = ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt((int) (size - 8 + dataBytes + (dataBytes & 1)))
                .put(ascii("WAVE"));
        b.put(ascii("fmt ")).putInt(fmtSize)
                .putShort((short) (extensible ? TAG_EXTENSIBLE : tag))
                .putShort((short) channels)
                .putInt(sampleRate)
                .putInt(sampleRate * blockAlign)
                .putShort((short) blockAlign)
                .putShort((short) format.bitsPerSample());
        if (extensible) {
            b.putShort((short) 22) // size of the extension
                    .putShort((short) format.bitsPerSample()) // valid bits
                    .putInt(0) // channel mask: no speaker positions assigned
                    // Sub-format GUID {tag-0000-0010-8000-00AA00389B71}, stored little-endian.
                    .putInt(tag).putShort((short) 0).putShort((short) 0x0010)
                    .put(new byte[] {(byte) 0x80, 0, 0, (byte) 0xAA, 0, 0x38, (byte) 0x9B, 0x71});
        } else if (format.isFloat()) {
            b.putShort((short) 0); // empty extension
        }
        if (fact) {
            long frames = dataBytes / blockAlign;
            b.put(ascii("fact")).putInt(4).putInt((int) frames);
        }
        b.put(ascii("data")).putInt((int) dataBytes);
        return b.array();
    }

    static void putSample(ByteBuffer b, float x, WavFormat format) {
        switch (format) {
            case PCM_16 -> b.putShort((short) quantize(x, 1 << 15));
            case PCM_24 -> {
                int v = quantize(x, 1 << 23);
                b.put((byte) v).put((byte) (v >> 8)).put((byte) (v >> 16));
            }
            case FLOAT_32 -> b.putFloat(format.asStored(x));
        }
    }

    /** Rounds {@code x * fullScale} to the nearest integer in [-fullScale, fullScale - 1]. */
    static int quantize(float x, int fullScale) {
        if (Float.isNaN(x)) {
            return 0;
        }
        long v = Math.round(x * (double) fullScale);
        return (int) Math.max(-fullScale, Math.min(fullScale - 1, v));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
