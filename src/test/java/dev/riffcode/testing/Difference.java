package dev.riffcode.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How far one rendering is from another it should equal. */
public final class Difference {

    private Difference() {
    }

    /** 10 log10 of the difference's energy over the reference's (the reference must not be silent). */
    public static double db(float[] actual, float[] reference) {
        assertEquals(reference.length, actual.length, "lengths");
        double signal = 0;
        double difference = 0;
        for (int i = 0; i < reference.length; i++) {
            double d = (double) actual[i] - reference[i];
            signal += (double) reference[i] * reference[i];
            difference += d * d;
        }
        assertTrue(signal > 0, "the reference render is silent");
        return difference == 0 ? Double.NEGATIVE_INFINITY : 10 * Math.log10(difference / signal);
    }
}
