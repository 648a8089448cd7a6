package dev.riffcode.engine.realtime;

import java.util.concurrent.locks.LockSupport;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.Mixer;
import javax.sound.sampled.SourceDataLine;

/**
 * A sound card through JavaSound: a {@link SourceDataLine} playing 16-bit signed little-endian stereo. The line's
 * buffer is the output latency: {@link #write} waits while it is full, which paces the audio thread.
 */
public final class JavaSoundOutput implements AudioOutput {

    private static final int BYTES_PER_FRAME = 4;
    /** Frames converted per JavaSound write; longer blocks go in several writes. */
    private static final int CHUNK_FRAMES = 4096;
    /** A device that takes no sound for this long is gone: the audio loop ends with the reason. */
    private static final long GONE_AFTER_NANOS = 2_000_000_000L;
    /** How often a full buffer is asked for room again. */
    private static final long RETRY_NANOS = 2_000_000L;

    private final String name;
    private final SourceDataLine line;
    private final int sampleRate;
    private final int bufferBytes;
    private final byte[] pcm = new byte[CHUNK_FRAMES * BYTES_PER_FRAME];
    private long bytesWritten;
    private boolean filled;
    private volatile long underruns;
    private boolean stalled;
    private long stalledSince;

    private JavaSoundOutput(String name, SourceDataLine line, int sampleRate) {
        this.name = name;
        this.line = line;
        this.sampleRate = sampleRate;
        this.bufferBytes = line.getBufferSize();
    }

    /**
     * Opens and starts a line.
     *
     * @param deviceNameOrNull (part of) a device's name as {@link Devices#list()} shows it; null for the default
     * @param bufferMillis     the device buffer, which is the output latency (the command's {@code --latency MS});
     *                         the device may round it
     * @throws AudioDeviceException when there is no device, none matches the name, or it cannot be opened; the
     *                              message says what to do
     */
    public static JavaSoundOutput open(String deviceNameOrNull, int sampleRate, int bufferMillis)
            throws AudioDeviceException {
        if (bufferMillis < 1) {
            throw new IllegalArgumentException("the buffer must be at least 1 ms, got " + bufferMillis);
        }
        Mixer.Info device = Devices.choose(Devices.playable(sampleRate), deviceNameOrNull);
        AudioFormat format = Devices.format(sampleRate);
        int frames = (int) Math.max(1, Math.round(bufferMillis * sampleRate / 1000.0));
        SourceDataLine line;
        try {
            line = AudioSystem.getSourceDataLine(format, device);
            line.open(format, frames * BYTES_PER_FRAME);
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            throw new AudioDeviceException("Cannot open the audio device \"" + device.getName() + "\": "
                    + e.getMessage() + ". Another program may hold it: close that program, pick another device "
                    + "(`./riffcode devices` lists them), or use `--record OUT.wav` alone, which needs no device.", e);
        }
        line.start();
        return new JavaSoundOutput(device.getName(), line, sampleRate);
    }

    @Override
    public String name() {
        return name;
    }

    @Override
    public int sampleRate() {
        return sampleRate;
    }

    /** The device buffer in frames, as the device granted it. */
    public int bufferFrames() {
        return bufferBytes / BYTES_PER_FRAME;
    }

    @Override
    public void write(float[] left, float[] right, int frames) {
        // The line ran dry if, once it has been full, it has played everything by the time the next block comes.
        // "Full" is when it cannot take a block and has not played all it was given. Both are checked because while
        // ALSA's pulse plugin (re)starts a stream, at first and after running dry, it takes about twice its buffer,
        // reports a position ahead of what it was given, and says no room at all while it recovers.
        long played = line.getLongFramePosition() * BYTES_PER_FRAME;
        if (!filled) {
            filled = played < bytesWritten && line.available() < frames * BYTES_PER_FRAME;
        } else if (played >= bytesWritten) {
            underruns++;
            filled = false; // one count each time it runs dry
        }
        for (int from = 0; from < frames; from += CHUNK_FRAMES) {
            int n = Math.min(CHUNK_FRAMES, frames - from);
            toPcm(left, right, from, n);
            int len = n * BYTES_PER_FRAME;
            for (int off = 0; off < len; ) {
                // Only what fits is written, so JavaSound's own wait (a quarter of the buffer, 25 ms at 100 ms)
                // never runs: the buffer is topped up within RETRY_NANOS of the device making room.
                int room = line.available() / BYTES_PER_FRAME * BYTES_PER_FRAME;
                int done = room > 0 ? line.write(pcm, off, Math.min(room, len - off)) : 0;
                if (done > 0) {
                    off += done;
                    stalled = false;
                } else {
                    waitForTheDevice();
                }
            }
            bytesWritten += len;
        }
    }

    /**
     * Waits a little for room, and tells a full buffer from a device that has gone away (a sound server that stopped),
     * which takes nothing, says no room or returns at once: the audio thread must end then, not spin.
     */
    private void waitForTheDevice() {
        if (!line.isOpen()) {
            throw new IllegalStateException("the audio device \"" + name + "\" was closed");
        }
        long now = System.nanoTime();
        if (!stalled) {
            stalled = true;
            stalledSince = now;
        } else if (now - stalledSince > GONE_AFTER_NANOS) {
            throw new IllegalStateException("the audio device \"" + name + "\" took no sound for "
                    + GONE_AFTER_NANOS / 1_000_000_000 + " s: its sound server may have stopped (start it again,"
                    + " or pick another device: `./riffcode devices` lists them)");
        }
        LockSupport.parkNanos(RETRY_NANOS);
    }

    /** 16-bit signed little-endian, rounded to nearest and clamped, as the WAV writer encodes it. */
    private void toPcm(float[] left, float[] right, int from, int frames) {
        int b = 0;
        for (int i = from; i < from + frames; i++) {
            int l = quantize(left[i]);
            int r = quantize(right[i]);
            pcm[b++] = (byte) l;
            pcm[b++] = (byte) (l >> 8);
            pcm[b++] = (byte) r;
            pcm[b++] = (byte) (r >> 8);
        }
    }

    static int quantize(float x) {
        long v = Math.round(x * 32768.0); // NaN rounds to 0
        return (int) Math.max(-32768, Math.min(32767, v));
    }

    @Override
    public void drain() {
        line.drain();
    }

    @Override
    public int latencyFrames() {
        return Math.max(0, bufferBytes - line.available()) / BYTES_PER_FRAME;
    }

    @Override
    public long underruns() {
        return underruns;
    }

    /** Stops at once; what is still in the buffer is not played ({@link #drain()} first). */
    @Override
    public void close() {
        line.stop();
        line.close();
    }
}
