package dev.riffcode.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * A WAV file that is readable at every moment while it grows, for recordings that may end with a crash or a
 * {@code kill -9}. The header goes first (with zero sizes); samples are appended; each {@link #flush()} writes out
 * what is buffered and patches the RIFF and data sizes to cover it, and {@link #sync()} also forces the file to
 * disk. A recording cut off by a killed process is therefore a valid WAV holding everything up to its last flush;
 * after a power cut, up to its last sync. {@link #close()} writes the final sizes.
 *
 * <p>Unlike {@link WavWriter}, which replaces its target atomically when it is complete, this writes in place: a
 * half-finished recording is worth keeping. Samples are encoded exactly as {@link WavWriter} encodes them.
 *
 * <p>Not thread-safe: one thread (the recorder's) writes.
 */
public final class StreamingWavFile implements AutoCloseable {

    private final Path file;
    private final FileChannel out;
    private final int sampleRate;
    private final int channels;
    private final WavFormat format;
    private final ByteBuffer buffer = ByteBuffer.allocate(64 * 1024).order(ByteOrder.LITTLE_ENDIAN);
    private final long maxDataBytes;
    private long dataBytes;
    private boolean closed;

    private StreamingWavFile(Path file, FileChannel out, int sampleRate, int channels, WavFormat format) {
        this.file = file;
        this.out = out;
        this.sampleRate = sampleRate;
        this.channels = channels;
        this.format = format;
        this.maxDataBytes = WavWriter.maxDataBytes(sampleRate, channels, format);
    }

    /** Creates (or truncates) {@code file} and writes a header that says "no samples yet". */
    public static StreamingWavFile create(Path file, int sampleRate, int channels, WavFormat format)
            throws IOException {
        WavWriter.checkLayout(sampleRate, channels, format);
        FileChannel out = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                StandardOpenOption.TRUNCATE_EXISTING);
        StreamingWavFile wav = new StreamingWavFile(file, out, sampleRate, channels, format);
        try {
            wav.patchHeader();
            out.position(out.size()); // the header is written in place, without moving the channel
            out.force(false);
        } catch (IOException | RuntimeException e) {
            out.close();
            throw e;
        }
        return wav;
    }

    /**
     * Appends {@code samples} interleaved samples (a whole number of frames) from {@code interleaved}.
     *
     * @throws IOException if writing fails or the file would pass the 4 GiB RIFF limit (nothing is appended then)
     */
    public void write(float[] interleaved, int samples) throws IOException {
        if (closed) {
            throw new IllegalStateException("recording already closed: " + file);
        }
        if (samples % channels != 0 || samples > interleaved.length) {
            throw new IllegalArgumentException(samples + " samples are not whole frames of " + channels + " channels");
        }
        long newSize = dataBytes + (long) samples * format.bytesPerSample();
        if (newSize > maxDataBytes) {
            throw new IOException("the recording reached the 4 GiB limit of a WAV file: " + file);
        }
        for (int i = 0; i < samples; i++) {
            if (buffer.remaining() < format.bytesPerSample()) {
                writeBuffer();
            }
            WavWriter.putSample(buffer, interleaved[i], format);
        }
        dataBytes = newSize;
    }

    /**
     * Writes out what is buffered and makes the header cover it: cheap (one small write more), and enough for the
     * file to survive the process being killed.
     */
    public void flush() throws IOException {
        writeBuffer();
        patchHeader();
    }

    /** {@link #flush()}, then forces the file to disk, so that it survives a power cut too. */
    public void sync() throws IOException {
        flush();
        out.force(false);
    }

    /** Frames appended so far (some may wait in the buffer until the next {@link #flush()}). */
    public long framesWritten() {
        return dataBytes / ((long) channels * format.bytesPerSample());
    }

    public Path file() {
        return file;
    }

    /** Syncs, pads the data to an even length as RIFF asks, and closes. */
    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        try {
            writeBuffer();
            if ((dataBytes & 1) != 0) {
                buffer.put((byte) 0);
                writeBuffer();
            }
            patchHeader();
            out.force(true);
        } finally {
            closed = true;
            out.close();
        }
    }

    private void writeBuffer() throws IOException {
        buffer.flip();
        while (buffer.hasRemaining()) {
            out.write(buffer);
        }
        buffer.clear();
    }

    /** Rewrites the header in place: its length never changes, only the sizes in it. */
    private void patchHeader() throws IOException {
        ByteBuffer header = ByteBuffer.wrap(WavWriter.header(sampleRate, channels, format, dataBytes));
        long at = 0;
        while (header.hasRemaining()) {
            at += out.write(header, at);
        }
    }
}
