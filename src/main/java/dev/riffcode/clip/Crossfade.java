package dev.riffcode.clip;

/** Joins pieces of audio without clicks: equal-power crossfades where they overlap. */
public final class Crossfade {

    private Crossfade() {
    }

    /**
     * Adds {@code piece} into {@code out} at {@code at}; its first {@code overlap} samples fade in with a sine while
     * what {@code out} already holds there fades out with a cosine (equal power, right for two pieces whose phases
     * are unrelated), and whatever {@code out} held beyond the overlap is replaced. Samples past the end of
     * {@code out} are dropped.
     */
    public static void mixInto(float[] out, float[] piece, int at, int overlap) {
        int n = Math.min(piece.length, out.length - at);
        for (int i = 0; i < n; i++) {
            int o = at + i;
            if (i < overlap) {
                double x = (i + 0.5) / overlap * (Math.PI / 2);
                out[o] = (float) (out[o] * Math.cos(x) + piece[i] * Math.sin(x));
            } else {
                out[o] = piece[i];
            }
        }
    }

    /**
     * Pieces joined one after the other, each overlapping the one before by {@code overlap} samples (less when a
     * piece is too short).
     */
    public static float[] join(java.util.List<float[]> pieces, int overlap) {
        long total = 0;
        int previous = 0;
        for (int i = 0; i < pieces.size(); i++) {
            int len = pieces.get(i).length;
            int o = i == 0 ? 0 : Math.min(overlap, Math.min(len, previous) / 2);
            total += len - o;
            previous = len;
        }
        float[] out = new float[(int) total];
        int at = 0;
        previous = 0;
        for (int i = 0; i < pieces.size(); i++) {
            float[] p = pieces.get(i);
            int o = i == 0 ? 0 : Math.min(overlap, Math.min(p.length, previous) / 2);
            at -= o;
            mixInto(out, p, at, o);
            at += p.length;
            previous = p.length;
        }
        return out;
    }
}
