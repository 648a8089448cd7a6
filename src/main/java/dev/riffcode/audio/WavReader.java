package dev.riffcode.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Reads WAV files into {@link AudioClip}s: integer PCM of 8, 16, 24 or 32 bits and IEEE float of
 * 32 or 64 bits, with plain or WAVE_FORMAT_EXTENSIBLE headers. Integer samples are scaled by
 * 2<sup>bits-1</sup>, the inverse of {@link WavWriter}, so a write/read round trip is exact for
 * values on the format's grid.
 */
public final class WavReader {
    private static final int TAG_PCM = 1;
    private static final int TAG_IEEE_FLOAT = 3;
    private static final int TAG_EXTENSIBLE = 0xFFFE;
    /** Names for common tags we do not decode, so the error tells the user what the file is. */
    private static final Map<Integer, String> TAG_NAMES = Map.of(
            2, "MS ADPCM", 6, "A-law", 7, "mu-law", 0x11, "IMA ADPCM", 0x31, "GSM 6.10",
            0x50, "MPEG", 0x55, "MP3", 0x161, "WMA", 0x2000, "AC-3", 0xF1AC, "FLAC");

    private WavReader() {}

    /** Reads a WAV file; the IOException message names the problem if it is not one we can read. */
    public static AudioClip read(Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        try {
            return read(bytes);
        } catch (IOException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
    }

    /** Decodes a complete WAV file held in memory. */
    public static AudioClip read(byte[] wav) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(wav).order(ByteOrder.LITTLE_ENDIAN);
        if (wav.length < 12 || !"RIFF".equals(fourCc(b, 0)) || !"WAVE".equals(fourCc(b, 8))) {
            throw new IOException("not a RIFF/WAVE file");
        }
        Format fmt = null;
        int pos = 12;
        // Walk the chunks; each is a four-character id, a 32-bit size and an even-padded body.
        while (pos + 8 <= wav.length) {
            String id = fourCc(b, pos);
            long size = Integer.toUnsignedLong(b.getInt(pos + 4));
            int body = pos + 8;
            if (id.equals("fmt ")) {
                if (size < 16 || body + size > wav.length) {
                    throw new IOException("truncated fmt chunk");
                }
                fmt = Format.parse(b, body, (int) size);
            } else if (id.equals("data")) {
                if (fmt == null) {
                    throw new IOException("data chunk before fmt chunk");
                }
                long present = wav.length - body;
                if (size > present) {
                    throw new IOException("truncated data chunk: header says " + size
                            + " bytes, file has " + present);
                }
                return decode(b, body, (int) size, fmt);
            }
            pos = (int) Math.min(wav.length, body + size + (size & 1));
        }
        throw new IOException(fmt == null ? "no fmt chunk" : "no data chunk");
    }

    private static AudioClip decode(ByteBuffer b, int start, int size, Format fmt) {
        int bytes = fmt.bits / 8;
        int frames = size / fmt.blockAlign; // a trailing partial frame is ignored
        float[][] out = new float[fmt.channels][frames];
        for (int i = 0; i < frames; i++) {
            int p = start + i * fmt.blockAlign;
            for (int c = 0; c < fmt.channels; c++, p += bytes) {
                out[c][i] = sample(b, p, fmt);
            }
        }
        return new AudioClip(fmt.sampleRate, out);
    }

    private static float sample(ByteBuffer b, int p, Format fmt) {
        if (fmt.tag == TAG_IEEE_FLOAT) {
            return fmt.bits == 32 ? b.getFloat(p) : (float) b.getDouble(p);
        }
        return switch (fmt.bits) {
            case 8 -> ((b.get(p) & 0xFF) - 128) / 128f; // 8-bit WAV is unsigned
            case 16 -> b.getShort(p) / 32768f;
            case 24 -> ((b.get(p) & 0xFF) | (b.get(p + 1) & 0xFF) << 8 | b.get(p + 2) << 16)
                    / 8388608f;
            default -> (float) (b.getInt(p) / 2147483648.0);
        };
    }

    private static String fourCc(ByteBuffer b, int pos) {
        byte[] id = new byte[4];
        b.get(pos, id);
        return new String(id, StandardCharsets.US_ASCII);
    }

    /** The parts of the fmt chunk we need, with the real format tag of extensible files. */
    private record Format(int tag, int channels, int sampleRate, int blockAlign, int bits) {
        static Format parse(ByteBuffer b, int p, int size) throws IOException {
            int tag = b.getShort(p) & 0xFFFF;
            int channels = b.getShort(p + 2) & 0xFFFF;
            int rate = b.getInt(p + 4);
            int blockAlign = b.getShort(p + 12) & 0xFFFF;
            int bits = b.getShort(p + 14) & 0xFFFF;
            if (tag == TAG_EXTENSIBLE) {
                if (size < 40) {
                    throw new IOException("truncated WAVE_FORMAT_EXTENSIBLE fmt chunk");
                }
                tag = b.getShort(p + 24) & 0xFFFF; // first two bytes of the sub-format GUID
            }
            boolean pcm = tag == TAG_PCM && (bits == 8 || bits == 16 || bits == 24 || bits == 32);
            boolean flt = tag == TAG_IEEE_FLOAT && (bits == 32 || bits == 64);
            if (tag != TAG_PCM && tag != TAG_IEEE_FLOAT) {
                String name = TAG_NAMES.get(tag);
                throw new IOException("unsupported format tag " + tag
                        + (name == null ? "" : " (" + name + ")"));
            }
            if (!pcm && !flt) {
                throw new IOException("unsupported " + bits + "-bit "
                        + (tag == TAG_PCM ? "PCM" : "float") + " samples");
            }
            if (channels == 0 || rate <= 0 || blockAlign < channels * bits / 8) {
                throw new IOException("invalid fmt chunk: " + channels + " channels, " + rate
                        + " Hz, block align " + blockAlign);
            }
            return new Format(tag, channels, rate, blockAlign, bits);
        }
    }
}
