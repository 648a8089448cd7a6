package dev.riffcode.engine.realtime;

/** An output that keeps what it is given (up to a preallocated length), paced by a virtual clock or not at all. */
final class CaptureOutput implements AudioOutput {

    final float[] left;
    final float[] right;
    private final VirtualClockOutput clock;
    private volatile int frames;

    /** @param paced whether writes take real time, as a device's would */
    CaptureOutput(int capacityFrames, boolean paced) {
        left = new float[capacityFrames];
        right = new float[capacityFrames];
        clock = paced ? new VirtualClockOutput(Sound.SR) : null;
    }

    /** Frames captured so far. */
    int frames() {
        return frames;
    }

    @Override
    public void write(float[] l, float[] r, int n) {
        int at = frames;
        int keep = Math.max(0, Math.min(n, left.length - at));
        System.arraycopy(l, 0, left, at, keep);
        System.arraycopy(r, 0, right, at, keep);
        frames = at + keep;
        if (clock != null) {
            clock.write(l, r, n);
        }
    }

    @Override
    public String name() {
        return "capture";
    }

    @Override
    public int sampleRate() {
        return Sound.SR;
    }

    @Override
    public void drain() {
    }

    @Override
    public int latencyFrames() {
        return 0;
    }

    @Override
    public long underruns() {
        return clock == null ? 0 : clock.underruns();
    }

    @Override
    public void close() {
    }
}
