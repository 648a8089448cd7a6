package dev.riffcode.audio;

import java.util.Locale;

/** Sample encodings that {@link WavWriter} can write, with their command-line names. */
public enum WavFormat {
    /** 16-bit signed integer PCM ("16"). */
    PCM_16("16", 16),
    /** 24-bit signed integer PCM ("24"). */
    PCM_24("24", 24),
    /** 32-bit IEEE float ("32f"). */
    FLOAT_32("32f", 32);

    private final String cliName;
    private final int bits;

    WavFormat(String cliName, int bits) {
        this.cliName = cliName;
        this.bits = bits;
    }

    /** The name used on the command line: "16", "24" or "32f". */
    public String cliName() {
        return cliName;
    }

    /** Bits per sample. */
    public int bitsPerSample() {
        return bits;
    }

    /** Bytes per sample of one channel. */
    public int bytesPerSample() {
        return bits / 8;
    }

    /** True for the floating-point format. */
    public boolean isFloat() {
        return this == FLOAT_32;
    }

    /**
     * {@code x} as a file of this format gives it back ({@link WavReader}): rounded to the format's step and held in
     * its range as {@link WavWriter} writes it, NaN as silence. Hearing a render in memory through this hears exactly
     * what its file holds.
     */
    public float asStored(float x) {
        return switch (this) {
            case PCM_16 -> WavWriter.quantize(x, 1 << 15) / 32768f;
            case PCM_24 -> WavWriter.quantize(x, 1 << 23) / 8388608f;
            case FLOAT_32 -> Float.isNaN(x) ? 0f : Float.isInfinite(x) ? Math.signum(x) : x;
        };
    }

    /**
     * Looks a format up by its command-line name ("16", "24", "32f"; case-insensitive).
     *
     * @throws IllegalArgumentException naming the accepted values if {@code name} is unknown
     */
    public static WavFormat fromCliName(String name) {
        for (WavFormat f : values()) {
            if (f.cliName.equals(name == null ? null : name.trim().toLowerCase(Locale.ROOT))) {
                return f;
            }
        }
        throw new IllegalArgumentException(
                "unknown WAV format '" + name + "' (expected 16, 24 or 32f)");
    }

    @Override
    public String toString() {
        return cliName;
    }
}
