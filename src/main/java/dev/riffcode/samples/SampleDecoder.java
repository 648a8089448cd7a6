package dev.riffcode.samples;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.FlacReader;
import dev.riffcode.audio.Mp3Reader;
import dev.riffcode.audio.Resampler;
import dev.riffcode.audio.WavReader;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;

/**
 * Turns a sample file into what the engine plays: decoded by its format (its extension), at most two channels
 * (the first two, which are left and right in WAV and FLAC order), at the render's sample rate.
 */
final class SampleDecoder {

    /** Longer files are refused: a piece is at most 10 minutes long, and a sample lives in memory. */
    static final double MAX_SECONDS = 30 * 60;
    /** Bigger files are refused before reading, so a stray huge file cannot exhaust memory. */
    static final long MAX_BYTES = 512L << 20;

    private SampleDecoder() {
    }

    /** The decoded audio at {@code rate}; the exception names {@code shown} (the file as the user knows it). */
    static AudioClip decode(Path file, String shown, int rate) throws SampleException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        String format = name.endsWith(".flac") ? "FLAC" : name.endsWith(".mp3") ? "MP3" : "WAV";
        AudioClip clip;
        try {
            long size = Files.size(file);
            if (size > MAX_BYTES) {
                throw new SampleException(shown + " is " + (size >> 20) + " MB; a sample file may be at most "
                        + (MAX_BYTES >> 20) + " MB");
            }
            byte[] bytes = Files.readAllBytes(file);
            clip = switch (format) {
                case "FLAC" -> FlacReader.read(bytes);
                case "MP3" -> Mp3Reader.read(bytes);
                default -> WavReader.read(bytes);
            };
        } catch (SampleException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw new SampleException("cannot decode " + shown + " as " + format + ": " + e.getMessage(), e);
        } catch (OutOfMemoryError e) {
            throw new SampleException("cannot decode " + shown + ": it does not fit in memory", e);
        }
        if (clip.durationSeconds() > MAX_SECONDS) {
            throw new SampleException(shown + " lasts " + Math.round(clip.durationSeconds() / 60)
                    + " minutes; a sample may last at most " + Math.round(MAX_SECONDS / 60));
        }
        if (clip.channelCount() > 2) {
            clip = new AudioClip(clip.sampleRate(), Arrays.copyOf(clip.channels(), 2));
        }
        return Resampler.toRate(clip, rate);
    }
}
