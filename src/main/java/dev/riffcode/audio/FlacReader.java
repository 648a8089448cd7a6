package dev.riffcode.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jflac.ChannelData;
import org.jflac.FLACDecoder;
import org.jflac.frame.Frame;
import org.jflac.metadata.StreamInfo;

/**
 * Reads FLAC files into {@link AudioClip}s with JFLAC. Integer samples are scaled by 2<sup>bits-1</sup>, as
 * {@link WavReader} does, so the same audio in WAV and FLAC reads back the same.
 */
public final class FlacReader {

    private FlacReader() {
    }

    /** Reads a FLAC file; the IOException message names the problem if it is not one we can read. */
    public static AudioClip read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Whether the bytes start with FLAC's {@code fLaC} marker. */
    public static boolean looksLikeFlac(byte[] b) {
        return b.length >= 4 && b[0] == 'f' && b[1] == 'L' && b[2] == 'a' && b[3] == 'C';
    }

    /** Decodes a complete FLAC stream held in memory. */
    public static AudioClip read(byte[] flac) throws IOException {
        if (!looksLikeFlac(flac)) {
            throw new IOException("not a FLAC file (no fLaC marker)");
        }
        try {
            return decode(new FLACDecoder(new ByteArrayInputStream(flac)));
        } catch (RuntimeException e) {
            // JFLAC reports some corrupt streams with runtime exceptions (index out of bounds and the like).
            throw new IOException("corrupt FLAC stream (" + e + ")", e);
        }
    }

    private static AudioClip decode(FLACDecoder decoder) throws IOException {
        decoder.readMetadata();
        StreamInfo info = decoder.getStreamInfo();
        if (info == null) {
            throw new IOException("no STREAMINFO block");
        }
        int channels = info.getChannels();
        int bits = info.getBitsPerSample();
        long total = info.getTotalSamples();
        // The header may leave the length unknown (0), or lie: start at most a few minutes long and grow.
        float[][] out = new float[channels][(int) Math.min(Math.max(total, 4096), 1 << 23)];
        float scale = 1f / (1L << (bits - 1));
        int frames = 0;
        Frame frame;
        while ((frame = decoder.readNextFrame()) != null) {
            int n = frame.header.blockSize;
            if (frames + n > out[0].length) {
                for (int c = 0; c < channels; c++) {
                    out[c] = Arrays.copyOf(out[c], Math.max(frames + n, out[c].length * 2));
                }
            }
            // After readNextFrame the decoded samples of each channel are in its ChannelData.
            ChannelData[] data = decoder.getChannelData();
            for (int c = 0; c < channels; c++) {
                int[] samples = data[c].getOutput();
                float[] dst = out[c];
                for (int i = 0; i < n; i++) {
                    dst[frames + i] = samples[i] * scale;
                }
            }
            frames += n;
        }
        if (decoder.getBadFrames() > 0) {
            throw new IOException(decoder.getBadFrames() + " corrupt frame(s) in the FLAC stream");
        }
        if (frames == 0) {
            throw new IOException("no audio frames in the FLAC stream");
        }
        if (total > 0 && frames < total) {
            throw new IOException("the FLAC stream ends after " + frames + " of its " + total
                    + " samples (a truncated file?)");
        }
        for (int c = 0; c < channels; c++) {
            out[c] = Arrays.copyOf(out[c], frames);
        }
        return new AudioClip(info.getSampleRate(), out);
    }
}
