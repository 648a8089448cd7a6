package dev.riffcode.engine.realtime;

import static dev.riffcode.engine.realtime.Sound.SR;

import dev.riffcode.audio.WavFormat;
import dev.riffcode.engine.LiveRenderer;
import dev.riffcode.engine.RenderSettings;
import java.lang.management.ManagementFactory;
import java.nio.file.Path;

/**
 * A child JVM that plays as {@code riffcode play --record} will: a 440 Hz sine from the live renderer through the
 * audio loop to the default device, recorded. It reports on stdout, one {@code key value} per line, for the test
 * that started it to check.
 *
 * <p>Arguments: the recording's path, seconds to play before fading out (0: play until killed), the device buffer
 * in milliseconds, the fade in seconds; optionally a stall: the second at which the audio thread stops for a while,
 * and for how many milliseconds (as a long garbage collection pause would stop it).
 */
final class LivePlayer {

    static final RenderSettings SETTINGS = new RenderSettings(SR, 256);
    /** The note starts after a little silence, so the sound's onset aligns recordings. */
    static final long ONSET = SR / 5;
    static final double AMP = 1;
    /** Off centre, so that the channels differ and a swap would show. */
    static final double PAN = 0.4;

    private LivePlayer() {
    }

    public static void main(String[] args) throws Exception {
        Path wav = Path.of(args[0]);
        double seconds = Double.parseDouble(args[1]);
        int bufferMillis = Integer.parseInt(args[2]);
        double fade = Double.parseDouble(args[3]);
        LiveRenderer renderer = Sound.sine(SETTINGS, ONSET, 3600, AMP, PAN);
        if (args.length > 5) {
            renderer = stalling(renderer, Math.round(Double.parseDouble(args[4]) * SR), Long.parseLong(args[5]));
        }
        JavaSoundOutput out;
        try {
            out = JavaSoundOutput.open(null, SR, bufferMillis);
        } catch (AudioDeviceException e) {
            say("error", e.getMessage());
            System.exit(3);
            return;
        }
        try (out;
                Recorder recorder = Recorder.start(wav, SR, WavFormat.PCM_16);
                AudioLoop loop = new AudioLoop(renderer, SETTINGS, out, recorder)) {
            say("device", out.name());
            say("buffer", out.bufferFrames());
            loop.start();
            long start = System.nanoTime();
            long allocatedAt3s = -1;
            boolean measured = false;
            double elapsed;
            while (seconds <= 0 || (elapsed = (System.nanoTime() - start) / 1e9) < seconds) {
                Thread.sleep(50);
                elapsed = (System.nanoTime() - start) / 1e9;
                say("frames", loop.stats().framesWritten());
                // Allocation by the audio thread, measured once it has warmed up: 3 s to 7 s.
                if (elapsed >= 3 && allocatedAt3s < 0) {
                    say("underrunsAt3s", loop.stats().underruns());
                    allocatedAt3s = allocatedBytes(loop.thread());
                } else if (elapsed >= 7 && !measured && allocatedAt3s >= 0) {
                    say("allocated", allocatedBytes(loop.thread()) - allocatedAt3s);
                    measured = true;
                }
            }
            AudioLoop.Stats before = loop.stats();
            say("latency", before.latencyFrames());
            say("fadeFrame", before.framesWritten());
            long t0 = System.nanoTime();
            loop.fadeOutAndStop(fade);
            say("fadeMillis", (System.nanoTime() - t0) / 1_000_000);
            AudioLoop.Stats after = loop.stats();
            say("underruns", after.underruns());
            say("renderErrors", after.renderErrors());
            say("running", after.running());
            say("load", after.load());
            say("maxLoad", after.maxLoad());
            say("overruns", recorder.overruns());
        }
        say("done", "");
    }

    /** {@code renderer}, except that the block that reaches {@code frame} first sleeps for {@code millis}. */
    private static LiveRenderer stalling(LiveRenderer renderer, long frame, long millis) {
        return new TestRenderers.Wrapper(renderer) {
            private boolean stalled;

            @Override
            public void render(float[] left, float[] right) {
                if (!stalled && renderer.position() >= frame) {
                    stalled = true;
                    try {
                        Thread.sleep(millis);
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                }
                renderer.render(left, right);
            }
        };
    }

    private static long allocatedBytes(Thread t) {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean mx
                && mx.isThreadAllocatedMemorySupported()) {
            return mx.getThreadAllocatedBytes(t.getId());
        }
        return -1;
    }

    private static void say(String key, Object value) {
        System.out.println(key + " " + value);
        System.out.flush();
    }
}
