package dev.riffcode.serve;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import dev.riffcode.audio.AudioClip;
import dev.riffcode.audio.Levels;
import dev.riffcode.audio.Onsets;
import dev.riffcode.audio.PitchClassAnalyzer;
import dev.riffcode.audio.WavReader;
import dev.riffcode.audio.Yin;
import dev.riffcode.music.Notes;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * {@code POST /analyze}: a WAV file in, what Riffcode's analysers hear out: length, levels, onsets, the fundamental
 * (YIN, median over the periodic frames) and the pitch classes with their shares (the analysis {@code generate}'s
 * pitch check uses).
 */
final class Analysis {

    /** A WAV may be this many times the JSON body limit (a 1 MB limit takes 32 MB, about 3 minutes of CD audio). */
    static final int WAV_FACTOR = 32;
    private static final int MAX_ONSETS_LISTED = 1000;

    private Analysis() {
    }

    static void handle(HttpExchange ex, ServeConfig config, Admission admission) throws IOException, Http.Failure {
        byte[] body = Http.body(ex, config.maxBodyBytes() * WAV_FACTOR);
        AudioClip clip;
        try {
            clip = WavReader.read(body);
        } catch (IOException | RuntimeException e) {
            throw new Http.Failure(400, "bad_wav", "the body is not a WAV file Riffcode can read (PCM 16/24-bit or "
                    + "32-bit float): " + e.getMessage());
        }
        Admission.Ticket ticket = admission.tryEnter();
        if (ticket == null) {
            throw RenderJobs.busy(admission);
        }
        ObjectNode result;
        long t0 = System.nanoTime();
        try (ticket) {
            if (!ticket.run(Service.QUEUE_WAIT_MILLIS)) {
                throw new Http.Failure(503, "busy", "no slot came free; try again", null, admission.retryAfterSeconds());
            }
            result = analyze(clip);
            ticket.timed(System.nanoTime() - t0);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new Http.Failure(503, "stopping", "the service is stopping");
        }
        Http.sendJson(ex, 200, result);
    }

    static ObjectNode analyze(AudioClip clip) {
        ObjectNode out = Http.JSON.createObjectNode();
        out.put("seconds", clip.durationSeconds());
        out.put("sample_rate", clip.sampleRate());
        out.put("channels", clip.channelCount());
        putDb(out, "peak_dbfs", Levels.peakDbfs(clip));
        putDb(out, "rms_dbfs", Levels.rmsDbfs(clip));
        out.put("non_finite_samples", Levels.countNonFinite(clip));
        float[] mono = clip.toMono();

        double[] onsets = Onsets.detect(mono, clip.sampleRate());
        out.put("onset_count", onsets.length);
        ArrayNode times = out.putArray("onsets");
        for (int i = 0; i < Math.min(onsets.length, MAX_ONSETS_LISTED); i++) {
            times.add(Math.round(onsets[i] * 1000) / 1000.0);
        }

        ObjectNode pitch = out.putObject("pitch");
        Double hz = medianPitch(mono, clip.sampleRate());
        if (hz == null) {
            pitch.putNull("hz");
        } else {
            pitch.put("hz", Math.round(hz * 100) / 100.0);
            double midi = 69 + 12 * Math.log(hz / 440) / Math.log(2);
            pitch.put("note", Notes.name((int) Math.round(midi)));
            pitch.put("cents", Math.round((midi - Math.round(midi)) * 100));
        }

        PitchClassAnalyzer.Result classes = new PitchClassAnalyzer().analyze(clip);
        ObjectNode shares = out.putObject("pitch_classes");
        double[] share = classes.share();
        for (int pc = 0; pc < 12; pc++) {
            if (share[pc] >= 0.005) {
                shares.put(PitchClassAnalyzer.name(pc), Math.round(share[pc] * 1000) / 1000.0);
            }
        }
        int strongest = classes.strongest();
        if (strongest >= 0) {
            out.put("strongest_pitch_class", PitchClassAnalyzer.name(strongest));
        }
        return out;
    }

    /** YIN over 50 ms frames every 100 ms; the median of the clearly periodic ones, or null. */
    private static Double medianPitch(float[] mono, int rate) {
        Yin yin = new Yin(rate);
        int frame = Math.max(yin.minSegmentLength(), rate / 20);
        int hop = rate / 10;
        List<Double> found = new ArrayList<>();
        for (int start = 0; start + frame <= mono.length && found.size() < 10_000; start += hop) {
            Yin.Pitch p = yin.detect(mono, start, frame);
            if (p.isPeriodic()) {
                found.add(p.frequency());
            }
        }
        if (found.isEmpty()) {
            return null;
        }
        Collections.sort(found);
        return found.get(found.size() / 2);
    }

    private static void putDb(ObjectNode out, String field, double db) {
        if (Double.isFinite(db)) {
            out.put(field, Math.round(db * 100) / 100.0);
        } else {
            out.putNull(field);
        }
    }
}
