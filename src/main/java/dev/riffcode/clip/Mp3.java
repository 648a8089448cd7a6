package dev.riffcode.clip;

import dev.riffcode.audio.AudioClip;
import java.io.ByteArrayInputStream;
import javazoom.jl.decoder.Bitstream;
import javazoom.jl.decoder.BitstreamException;
import javazoom.jl.decoder.Decoder;
import javazoom.jl.decoder.DecoderException;
import javazoom.jl.decoder.Header;
import javazoom.jl.decoder.SampleBuffer;

/** MP3 to samples with JLayer (MPEG-1/2 layer III, mono or stereo). */
public final class Mp3 {

    /** Longest MP3 decoded: 30 minutes of frames (a guard against a runaway answer). */
    private static final int MAX_FRAMES = 30 * 60 * 48_000 / 1152;

    private Mp3() {
    }

    /** True when the bytes start like an MP3: an ID3 tag or a frame sync. */
    public static boolean looksLikeMp3(byte[] data) {
        return data.length >= 3 && (data[0] == 'I' && data[1] == 'D' && data[2] == '3'
                || (data[0] & 0xFF) == 0xFF && (data[1] & 0xE0) == 0xE0);
    }

    /**
     * Decodes a whole MP3.
     *
     * @throws ClipException ({@link ClipException.Kind#BAD_AUDIO}) when no frame decodes, or a frame is damaged
     */
    public static AudioClip decode(byte[] mp3) throws ClipException {
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        float[][] channels = null;
        int length = 0;
        int rate = 0;
        int frames = 0;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
                if (++frames > MAX_FRAMES) {
                    throw new ClipException(ClipException.Kind.BAD_AUDIO, "the MP3 is longer than 30 minutes");
                }
                SampleBuffer out = (SampleBuffer) decoder.decodeFrame(header, stream);
                int count = decoder.getOutputChannels();
                if (channels == null) {
                    channels = new float[count][1 << 16];
                    rate = decoder.getOutputFrequency();
                } else if (count != channels.length || rate != decoder.getOutputFrequency()) {
                    throw new ClipException(ClipException.Kind.BAD_AUDIO,
                            "the MP3 changes its channels or sample rate midway");
                }
                short[] pcm = out.getBuffer();
                int n = out.getBufferLength() / count;
                if (length + n > channels[0].length) {
                    for (int c = 0; c < count; c++) {
                        channels[c] = java.util.Arrays.copyOf(channels[c], Math.max(length + n, channels[c].length * 2));
                    }
                }
                for (int i = 0; i < n; i++) {
                    for (int c = 0; c < count; c++) {
                        channels[c][length + i] = pcm[i * count + c] / 32768f;
                    }
                }
                length += n;
                stream.closeFrame();
            }
        } catch (BitstreamException | DecoderException | RuntimeException e) {
            throw new ClipException(ClipException.Kind.BAD_AUDIO, "the MP3 does not decode (" + e.getMessage()
                    + ")", e);
        } finally {
            try {
                stream.close();
            } catch (BitstreamException e) {
                // nothing to release for a byte array
            }
        }
        if (channels == null || length == 0) {
            throw new ClipException(ClipException.Kind.BAD_AUDIO, "the data is not MP3 audio (no frame found)");
        }
        for (int c = 0; c < channels.length; c++) {
            channels[c] = java.util.Arrays.copyOf(channels[c], length);
        }
        return new AudioClip(rate, channels);
    }
}
