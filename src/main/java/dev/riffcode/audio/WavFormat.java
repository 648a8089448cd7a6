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
