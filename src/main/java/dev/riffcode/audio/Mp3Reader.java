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

/** Reads MPEG audio (MP3, layers I to III) into {@link AudioClip}s with JLayer. */
public final class Mp3Reader {

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
        Bitstream stream = new Bitstream(new ByteArrayInputStream(mp3));
        Decoder decoder = new Decoder();
        float[][] out = null;
        int frames = 0;
        int rate = 0;
        try {
            Header header;
            while ((header = stream.readFrame()) != null) {
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
        for (int c = 0; c < out.length; c++) {
            out[c] = Arrays.copyOf(out[c], frames);
        }
        return new AudioClip(rate, out);
    }
}
