package dev.riffcode.audio;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/**
 * Reads MPEG audio (MP3, layers I to III) into {@link AudioClip}s with JLayer, gaplessly: the Xing/Info frame that
 * encoders put first is not audio and is skipped, and when the LAME tag in it gives the encoder's delay and padding
 * (LAME and FFmpeg write one) they are cut away with the decoder's own delay, so a sample starts on its first sound
 * and lasts as long as the file that was encoded.
 */
public final class Mp3Reader {

    /** The delay of the MP3 synthesis filter bank: every standard decoder's output lags by this many samples. */
    static final int DECODER_DELAY = 529;

    /**
     * What the first frame says about the stream.
     *
     * @param infoFrame true when the first frame is a Xing, Info or VBRI frame (no audio)
     * @param delay     samples the encoder added at the start, or -1 when unknown
     * @param padding   samples it added at the end, or -1 when unknown
     */
    record Gapless(boolean infoFrame, int delay, int padding) {
        static final Gapless NONE = new Gapless(false, -1, -1);
    }

    private Mp3Reader() {
    }

    /** Reads an MP3 file; the IOException message names the problem if it is not one we can read. */
    public static AudioClip read(Path file) throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a complete MP3 stream held in memory. */
    public static AudioClip read(byte[] mp3) throws IOException {
        Gapless gapless = gapless(mp3);
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        float[][] out = null;
        int frames = 0;
        int rate = 0;
        boolean first = true;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                if (first && gapless.infoFrame()) {
                    first = false;
                    stream.closeFrame();
                    continue;
                }
                first = false;
                SampleBuffer pcm = (SampleBuffer) decoder.decodeFrame(header, stream);
                int channels = pcm.getChannelCount();
                if (out == null) {
                    rate = pcm.getSampleFrequency();
                    out = new float[channels][Math.max(1152, mp3.length / 8)];
                } else if (channels != out.length || pcm.getSampleFrequency() != rate) {
                    throw new IOException("the stream changes its channels or sample rate at frame " + frames);
                }
                short[] interleaved = pcm.getBuffer();
                int n = pcm.getBufferLength() / channels;
                if (frames + n > out[0].length) {
                    for (int c = 0; c < channels; c++) {
                        out[c] = Arrays.copyOf(out[c], Math.max(frames + n, out[c].length * 2));
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < channels; c++) {
                        out[c][frames + i] = interleaved[i * channels + c] / 32768f;
                    }
                }
                frames += n;
                stream.closeFrame();
            }
        } catch (BitstreamException | DecoderException e) {
            throw new IOException("corrupt MP3 stream after " + frames + " samples (" + e.getMessage() + ")", e);
        } catch (RuntimeException e) {
            // JLayer meets some corrupt streams with index errors rather than its own exceptions.
            throw new IOException("corrupt MP3 stream after " + frames + " samples (" + e + ")", e);
        }
        if (out == null || frames == 0) {
            throw new IOException("no MPEG audio frames found (not an MP3 file?)");
        }
        int from = 0;
        int to = frames;
        if (gapless.delay() >= 0 && gapless.padding() >= 0) {
            from = Math.min(frames, gapless.delay() + DECODER_DELAY);
            to = Math.max(from, frames - Math.max(0, gapless.padding() - DECODER_DELAY));
        }
        for (int c = 0; c < out.length; c++) {
            out[c] = Arrays.copyOfRange(out[c], from, to);
        }
        if (to == from) {
            throw new IOException("the MP3 stream holds no audio once its encoder's padding is cut");
        }
        return new AudioClip(rate, out);
    }

    /** Reads the Xing/Info/VBRI frame and the LAME tag, if the first frame has them. */
    static Gapless gapless(byte[] b) {
        int p = 0;
        if (b.length >= 10 && b[0] == 'I' && b[1] == 'D' && b[2] == '3') {
            // ID3v2: a syncsafe size after a 10-byte header, and a 10-byte footer when flag 0x10 is set.
            int size = (b[6] & 0x7F) << 21 | (b[7] & 0x7F) << 14 | (b[8] & 0x7F) << 7 | (b[9] & 0x7F);
            p = 10 + size + ((b[5] & 0x10) != 0 ? 10 : 0);
        }
        int limit = Math.min(b.length - 4, p + 65_536);
        while (p < limit && !(b[p] == (byte) 0xFF && (b[p + 1] & 0xE0) == 0xE0 && (b[p + 1] & 0x06) != 0)) {
            p++;
        }
        if (p >= limit) {
            return Gapless.NONE;
        }
        int version = (b[p + 1] >> 3) & 3;          // 3: MPEG-1, 2: MPEG-2, 0: MPEG-2.5
        boolean crc = (b[p + 1] & 1) == 0;
        boolean mono = ((b[p + 3] >> 6) & 3) == 3;
        int side = version == 3 ? (mono ? 17 : 32) : (mono ? 9 : 17);
        int tag = p + 4 + (crc ? 2 : 0) + side;
        if (is(b, p + 36, "VBRI")) {
            return new Gapless(true, -1, -1);
        }
        if (!is(b, tag, "Xing") && !is(b, tag, "Info")) {
            return Gapless.NONE;
        }
        int flags = tag + 8 <= b.length ? (b[tag + 7] & 0xFF) : 0;
        int lame = tag + 8 + ((flags & 1) != 0 ? 4 : 0) + ((flags & 2) != 0 ? 4 : 0) + ((flags & 4) != 0 ? 100 : 0)
                + ((flags & 8) != 0 ? 4 : 0);
        if (lame + 24 > b.length || !(is(b, lame, "LAME") || is(b, lame, "Lavc") || is(b, lame, "Lavf"))) {
            return new Gapless(true, -1, -1);
        }
        int delay = (b[lame + 21] & 0xFF) << 4 | (b[lame + 22] & 0xF0) >> 4;
        int padding = (b[lame + 22] & 0x0F) << 8 | (b[lame + 23] & 0xFF);
        return new Gapless(true, delay, padding);
    }

    private static boolean is(byte[] b, int at, String text) {
        if (at < 0 || at + text.length() > b.length) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            if (b[at + i] != text.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
