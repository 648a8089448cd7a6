package dev.riffcode.samples;

import static dev.riffcode.testing.ExternalTools.require;
import static dev.riffcode.testing.ExternalTools.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Resampler;
import dev.riffcode.audio.Spectrum;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.audio.WavWriter;
import dev.riffcode.audio.Yin;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Sample files in every format and at other rates decode to the engine's rate with their pitch, length, level and
 * channel order; files that do not decode give a message that names them. FLAC and MP3 files are made by Debian's
 * flac and lame (installed by .ci/install-deps): where they are missing the tests are skipped, under CI they fail.
 */
class SampleDecodingTest {

    private static final int ENGINE = 44_100;

    @TempDir
    Path dir;

    /** A stereo test file: 440 Hz on the left, 660 Hz on the right, at -6 dBFS, 1 s. */
    private static AudioClip twoTones(int rate) {
        return new AudioClip(rate, new float[][] {sine(440, 0.5, 1.0, rate), sine(660, 0.5, 1.0, rate)});
    }

    static float[] sine(double hz, double amp, double seconds, int rate) {
        float[] x = new float[(int) Math.round(seconds * rate)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) (amp * Math.sin(2 * Math.PI * hz * i / rate));
        }
        return x;
    }

    static double pitch(float[] x, int rate) {
        Yin.Pitch p = new Yin(rate).detect(x, x.length / 4, 4096);
        assertTrue(p.isPeriodic(), "not periodic: " + p);
        return p.frequency();
    }

    private AudioClip load(String name) throws SampleException {
        SampleLibrary library = SampleLibrary.of(List.of(dir));
        library.index();
        return library.audio(name, ENGINE);
    }

    /** Pitch per channel, length and level of a decoded two-tone file. */
    private static void assertTwoTones(AudioClip clip, double lengthTolerance, double levelToleranceDb) {
        assertEquals(ENGINE, clip.sampleRate());
        assertEquals(2, clip.channelCount());
        assertEquals(1.0, clip.durationSeconds(), lengthTolerance, "length");
        assertEquals(440, pitch(clip.channels()[0], ENGINE), 440 * 0.003, "left pitch");
        assertEquals(660, pitch(clip.channels()[1], ENGINE), 660 * 0.003, "right pitch");
        for (float[] ch : clip.channels()) {
            float[] middle = Arrays.copyOfRange(ch, ENGINE / 4, 3 * ENGINE / 4);
            assertEquals(Levels.toDb(0.5 / Math.sqrt(2)), Levels.toDb(Levels.rms(middle)), levelToleranceDb, "level");
        }
    }

    @ParameterizedTest
    @CsvSource({"16, 44100", "24, 48000", "32f, 22050", "16, 96000", "24, 8000"})
    void wavFilesOfAnyRateAndDepthPlayAtTheEngineRate(String format, int rate) throws IOException {
        WavWriter.writeAtomically(dir.resolve("tones.wav"), twoTones(rate), WavFormat.fromCliName(format));
        AudioClip clip = load("tones");
        assertTwoTones(clip, 1.0 / rate + 1.0 / ENGINE, 0.05);
    }

    @Test
    void soxWavVariantsDecode() throws Exception {
        require("sox");
        Path source = dir.resolve("source.wav");
        WavWriter.writeAtomically(source, twoTones(48_000), WavFormat.FLOAT_32);
        // 8-bit unsigned, 32-bit integer, 64-bit float, and a WAVE_FORMAT_EXTENSIBLE header.
        run("sox", source.toString(), "-b", "8", "-e", "unsigned-integer", dir.resolve("u8.wav").toString());
        run("sox", source.toString(), "-b", "32", "-e", "signed-integer", dir.resolve("s32.wav").toString());
        run("sox", source.toString(), "-b", "64", "-e", "floating-point", dir.resolve("f64.wav").toString());
        run("sox", source.toString(), "-b", "24", "-t", "wavpcm", dir.resolve("pcm24.wav").toString());
        assertTwoTones(load("u8"), 0.001, 0.3);
        assertTwoTones(load("s32"), 0.001, 0.05);
        assertTwoTones(load("f64"), 0.001, 0.05);
        assertTwoTones(load("pcm24"), 0.001, 0.05);
    }

    @ParameterizedTest
    @CsvSource({"16, 44100", "24, 48000", "16, 22050"})
    void flacFilesDecodeToTheSameSamplesAsTheirWav(int bits, int rate) throws Exception {
        require("flac");
        WavFormat format = bits == 16 ? WavFormat.PCM_16 : WavFormat.PCM_24;
        Path wav = dir.resolve("tones.wav");
        WavWriter.writeAtomically(wav, twoTones(rate), format);
        run("flac", "--silent", "-8", "-o", dir.resolve("flacked.flac").toString(), wav.toString());
        AudioClip fromWav = load("tones");
        AudioClip fromFlac = load("flacked");
        assertTwoTones(fromFlac, 1.0 / rate + 1.0 / ENGINE, 0.05);
        assertEquals(fromWav.frames(), fromFlac.frames());
        for (int c = 0; c < 2; c++) {
            for (int i = 0; i < fromWav.frames(); i++) {
                assertEquals(fromWav.channels()[c][i], fromFlac.channels()[c][i], 0, "lossless: channel " + c
                        + " frame " + i);
            }
        }
    }

    @ParameterizedTest
    @CsvSource({"44100, 192", "48000, 128", "22050, 64"})
    void mp3FilesDecodeWithTheirPitchLengthLevelAndChannels(int rate, int kbps) throws Exception {
        require("lame");
        Path wav = dir.resolve("source.wav");
        WavWriter.writeAtomically(wav, twoTones(rate), WavFormat.PCM_16);
        run("lame", "--silent", "-b", String.valueOf(kbps), "-m", "s", wav.toString(),
                dir.resolve("tones.mp3").toString());
        Files.delete(wav);
        AudioClip clip = load("tones");
        // Gapless: the encoder's delay and padding (from the LAME tag) and the decoder's delay are cut away.
        assertTwoTones(clip, 1.5 / ENGINE, 0.5);
    }

    @Test
    void anMp3HitStartsWhereItsWavStarted() throws Exception {
        require("lame");
        float[] x = new float[44_100];
        float[] burst = sine(1000, 0.8, 0.02, 44_100);
        System.arraycopy(burst, 0, x, 11_025, burst.length);   // at 0.25 s
        Path wav = dir.resolve("hit.wav");
        WavWriter.writeAtomically(wav, AudioClip.mono(44_100, x), WavFormat.PCM_16);
        run("lame", "--silent", "-b", "192", wav.toString(), dir.resolve("hit.mp3").toString());
        Files.delete(wav);
        float[] decoded = load("hit").channels()[0];
        int first = 0;
        while (first < decoded.length && Math.abs(decoded[first]) < 0.1) {
            first++;
        }
        assertEquals(11_025, first, 22, "the hit starts within 0.5 ms of 0.25 s");
        assertEquals(44_100, decoded.length, 1);
    }

    @Test
    void monoMp3StaysMonoAndSurroundKeepsTheFirstTwoChannels() throws Exception {
        require("lame");
        Path wav = dir.resolve("mono.wav");
        WavWriter.writeAtomically(wav, AudioClip.mono(44_100, sine(330, 0.5, 1, 44_100)), WavFormat.PCM_16);
        run("lame", "--silent", "-m", "m", wav.toString(), dir.resolve("m.mp3").toString());
        AudioClip mono = load("m");
        assertEquals(1, mono.channelCount());
        assertEquals(330, pitch(mono.channels()[0], ENGINE), 1);

        float[][] six = new float[6][];
        for (int c = 0; c < 6; c++) {
            six[c] = sine(200 + 100 * c, 0.3, 0.5, 44_100);
        }
        WavWriter.writeAtomically(dir.resolve("surround.wav"), new AudioClip(44_100, six), WavFormat.PCM_16);
        AudioClip two = load("surround");
        assertEquals(2, two.channelCount());
        assertEquals(200, pitch(two.channels()[0], ENGINE), 1);
        assertEquals(300, pitch(two.channels()[1], ENGINE), 1);
    }

    @Test
    void filesThatDoNotDecodeAreNamedWithTheProblem() throws Exception {
        Files.writeString(dir.resolve("text.wav"), "this is not audio");
        Files.write(dir.resolve("noise.mp3"), new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10});
        Files.writeString(dir.resolve("fake.flac"), "fLaC but nothing else");
        for (String[] c : new String[][] {{"text", "as WAV", "not a RIFF/WAVE file"},
            {"noise", "as MP3", "no MPEG audio frames"}, {"fake", "as FLAC", ""}}) {
            SampleException e = assertThrows(SampleException.class, () -> load(c[0]));
            assertTrue(e.getMessage().startsWith("cannot decode '" + c[0] + "' ("), e.getMessage());
            assertTrue(e.getMessage().contains(c[1]) && e.getMessage().contains(c[2]), e.getMessage());
        }
    }

    @Test
    void aTruncatedFlacIsRefused() throws Exception {
        require("flac");
        Path wav = dir.resolve("src.wav");
        WavWriter.writeAtomically(wav, twoTones(44_100), WavFormat.PCM_16);
        Path flac = dir.resolve("cut.flac");
        run("flac", "--silent", "-o", flac.toString(), wav.toString());
        byte[] whole = Files.readAllBytes(flac);
        Files.write(flac, Arrays.copyOf(whole, whole.length / 2));
        SampleException e = assertThrows(SampleException.class, () -> load("cut"));
        assertTrue(e.getMessage().contains("'cut'"), e.getMessage());
    }

    @Test
    void theResamplerKeepsThePassBandAndLetsNothingAlias() {
        // 1 kHz passes at its level; 23 kHz, above the new Nyquist (22.05 kHz), must not fold down to 21.1 kHz.
        int from = 48_000;
        float[] pass = Resampler.resample(sine(1000, 0.5, 1, from), from, ENGINE);
        float[] stop = Resampler.resample(sine(23_000, 0.5, 1, from), from, ENGINE);
        assertEquals(ENGINE, pass.length);
        float[] middle = Arrays.copyOfRange(pass, 4000, 40_000);
        assertEquals(Levels.toDb(0.5 / Math.sqrt(2)), Levels.toDb(Levels.rms(middle)), 0.05);
        assertEquals(1000, pitch(pass, ENGINE), 0.5);
        double alias = Levels.toDb(Levels.rms(Arrays.copyOfRange(stop, 4000, 40_000)));
        assertTrue(alias < -80, "23 kHz leaks through at " + alias + " dBFS");
        // Upsampling adds nothing above the old Nyquist.
        float[] up = Resampler.resample(sine(5000, 0.5, 1, 22_050), 22_050, ENGINE);
        Spectrum s = new Spectrum(8192, ENGINE);
        double[] m = s.magnitudes(up, 10_000);
        double images = s.bandPower(m, 11_500, 22_000) / s.bandPower(m, 4_000, 6_000);
        assertTrue(10 * Math.log10(images) < -70, "images at " + 10 * Math.log10(images) + " dB");
    }

    @Test
    void aFileIsDecodedOnceAndAgainWhenItChanges() throws Exception {
        Path f = dir.resolve("t.wav");
        WavWriter.writeAtomically(f, AudioClip.mono(48_000, sine(440, 0.5, 0.5, 48_000)), WavFormat.PCM_16);
        SampleLibrary library = SampleLibrary.of(List.of(dir));
        library.index();
        AudioClip a = library.audio("t", ENGINE);
        assertTrue(a == library.audio("t", ENGINE), "the second use comes from the cache");
        assertEquals(1, library.decodes());
        WavWriter.writeAtomically(f, AudioClip.mono(48_000, sine(880, 0.5, 0.25, 48_000)), WavFormat.PCM_16);
        Files.setLastModifiedTime(f, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        AudioClip b = library.audio("t", ENGINE);
        assertEquals(2, library.decodes());
        assertEquals(880, pitch(b.channels()[0], ENGINE), 1);
    }
}
