package dev.riffcode.engine.realtime;

import dev.riffcode.audio.StreamingWavFile;
import dev.riffcode.audio.WavFormat;
import dev.riffcode.engine.Threads;
import java.io.IOException;
import java.nio.file.Path;
import java.util.concurrent.locks.LockSupport;

/**
 * Records exactly what the output plays (the tap sits after the master section) into a WAV file. The audio thread
 * only copies each block into a preallocated ring; a recorder thread writes the ring to the file, so a slow disk can
 * never hold up the sound. If the ring is full the block is dropped from the recording and counted.
 *
 * <p>The file is readable at every moment: each time the recorder thread writes (about every 10 ms) it patches the
 * header to cover what it wrote, and about every half second it forces the file to disk. A {@code kill -9} loses only
 * what had not reached the recorder thread yet; a power cut, at most about the last half second. {@link #close()}
 * (after the audio thread has stopped) writes the rest and the final sizes.
 */
public final class Recorder implements AudioTap, AutoCloseable {

    private static final long SYNC_NANOS = 500_000_000L;
    private static final long POLL_NANOS = 10_000_000L;
    private static final double RING_SECONDS = 2;

    private final StreamingWavFile wav;
    private final StereoRing ring;
    private final float[] chunk = new float[8192];
    private final Thread thread;
    private volatile boolean stopping;
    private volatile long overruns;
    private volatile long framesRecorded;
    private volatile IOException error;

    private Recorder(StreamingWavFile wav, int sampleRate) {
        this.wav = wav;
        this.ring = new StereoRing((int) (RING_SECONDS * sampleRate));
        this.thread = new Thread(this::run, "riffcode-recorder");
        thread.setDaemon(true);
    }

    /** Creates {@code file} (replacing it) and starts the recorder thread. */
    public static Recorder start(Path file, int sampleRate, WavFormat format) throws IOException {
        Recorder recorder = new Recorder(StreamingWavFile.create(file, sampleRate, 2, format), sampleRate);
        recorder.thread.start();
        return recorder;
    }

    public Path file() {
        return wav.file();
    }

    /** Audio thread: queues the block for the file, or drops and counts it when the recorder has fallen behind. */
    @Override
    public void onBlock(float[] left, float[] right, int frames) {
        if (!ring.offer(left, right, frames)) {
            overruns++; // only the audio thread writes this
        }
    }

    /** Blocks dropped from the recording because the ring was full. */
    public long overruns() {
        return overruns;
    }

    /** Frames taken from the ring and handed to the file. */
    public long framesRecorded() {
        return framesRecorded;
    }

    /** The first write error, after which the recording stopped growing; null while all is well. */
    public IOException error() {
        return error;
    }

    private void run() {
        long nextSync = System.nanoTime() + SYNC_NANOS;
        while (true) {
            boolean last = stopping; // read before draining, so a block queued before close() is still written
            drain();
            if (last) {
                return;
            }
            if (System.nanoTime() - nextSync >= 0) {
                nextSync += SYNC_NANOS;
                if (error == null) {
                    try {
                        wav.sync();
                    } catch (IOException e) {
                        error = e;
                    }
                }
            }
            LockSupport.parkNanos(POLL_NANOS);
        }
    }

    private void drain() {
        int frames;
        boolean wrote = false;
        while ((frames = ring.poll(chunk)) > 0) {
            if (error == null) {
                try {
                    wav.write(chunk, frames * 2);
                    wrote = true;
                } catch (IOException e) {
                    error = e; // keep emptying the ring so the tap never blocks; the file keeps what it had
                }
            }
            framesRecorded += frames;
        }
        if (wrote && error == null) {
            try {
                wav.flush();
            } catch (IOException e) {
                error = e;
            }
        }
    }

    /** Writes what is left and the final sizes. Call it once the audio thread no longer feeds this tap. */
    @Override
    public void close() throws IOException {
        stopping = true;
        LockSupport.unpark(thread);
        Threads.joinUninterruptibly(thread); // short: the thread only writes out what is left
        wav.close();
        if (error != null) {
            throw error;
        }
    }
}
