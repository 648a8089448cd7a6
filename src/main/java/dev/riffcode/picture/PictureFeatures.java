package dev.riffcode.picture;

import java.awt.image.BufferedImage;
import java.util.Locale;

/**
 * What a picture looks like, in numbers from 0 to 1 (the hue in degrees), measured on its sRGB values.
 *
 * @param brightness  mean luma (Rec. 709 weights): 0 black, 1 white
 * @param saturation  mean chroma (the largest minus the smallest of R, G, B): 0 grey, 1 pure colours
 * @param hueDegrees  the dominant hue, 0 red, 60 yellow, 120 green, 240 blue (the peak of a chroma-weighted hue
 *                    histogram); null when the picture is nearly grey and has no hue to speak of
 * @param contrast    the standard deviation of luma (RMS contrast): 0 flat, 0.5 half black, half white
 * @param edgeDensity the share of pixels on an edge (Sobel gradient of luma above {@value #EDGE_THRESHOLD}):
 *                    0 smooth, towards 1 busy
 */
public record PictureFeatures(double brightness, double saturation, Double hueDegrees, double contrast,
        double edgeDensity) {

    /** Below this mean chroma a picture has no dominant hue. */
    public static final double GREY_SATURATION = 0.08;
    /** A Sobel gradient (of luma 0..1, divided by 4) above this marks an edge pixel. */
    static final double EDGE_THRESHOLD = 0.1;

    /** Measures a picture (in practice, {@link Picture}'s small copy). */
    public static PictureFeatures measure(BufferedImage image) {
        int w = image.getWidth();
        int h = image.getHeight();
        double[] luma = new double[w * h];
        double lumaSum = 0;
        double chromaSum = 0;
        double[] hueWeights = new double[36];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int rgb = image.getRGB(x, y);
                double r = (rgb >> 16 & 0xff) / 255.0;
                double g = (rgb >> 8 & 0xff) / 255.0;
                double b = (rgb & 0xff) / 255.0;
                double l = 0.2126 * r + 0.7152 * g + 0.0722 * b;
                luma[y * w + x] = l;
                lumaSum += l;
                double max = Math.max(r, Math.max(g, b));
                double chroma = max - Math.min(r, Math.min(g, b));
                chromaSum += chroma;
                if (chroma > 0) {
                    hueWeights[(int) (hue(r, g, b, max, chroma) / 10) % 36] += chroma;
                }
            }
        }
        int n = w * h;
        double brightness = lumaSum / n;
        double variance = 0;
        for (double l : luma) {
            variance += (l - brightness) * (l - brightness);
        }
        double saturation = chromaSum / n;
        return new PictureFeatures(brightness, saturation, saturation < GREY_SATURATION ? null : dominantHue(hueWeights),
                Math.sqrt(variance / n), edgeDensity(luma, w, h));
    }

    /** A plain-words name of the hue: "red", "orange", "yellow", "green", "cyan", "blue", "violet", "magenta". */
    public static String hueName(double degrees) {
        double d = ((degrees % 360) + 360) % 360;
        if (d < 15 || d >= 335) return "red";
        if (d < 45) return "orange";
        if (d < 70) return "yellow";
        if (d < 160) return "green";
        if (d < 200) return "cyan";
        if (d < 255) return "blue";
        if (d < 290) return "violet";
        return "magenta";
    }

    /** "brightness 0.21, saturation 0.45, hue 222° (blue), contrast 0.08, edges 0.03". */
    public String describe() {
        return String.format(Locale.ROOT, "brightness %.2f, saturation %.2f, %s, contrast %.2f, edges %.2f",
                brightness, saturation, hueDegrees == null ? "no dominant hue (nearly grey)"
                        : String.format(Locale.ROOT, "hue %.0f\u00b0 (%s)", hueDegrees, hueName(hueDegrees)),
                contrast, edgeDensity);
    }

    private static double hue(double r, double g, double b, double max, double chroma) {
        double h;
        if (max == r) {
            h = ((g - b) / chroma) % 6;
        } else if (max == g) {
            h = (b - r) / chroma + 2;
        } else {
            h = (r - g) / chroma + 4;
        }
        return ((h * 60) % 360 + 360) % 360;
    }

    /** The peak of the hue histogram (summed with its neighbours, so a hue on a bin border is not split), refined by a circular mean. */
    private static double dominantHue(double[] bins) {
        int best = 0;
        double bestWeight = -1;
        for (int i = 0; i < 36; i++) {
            double weight = bins[(i + 35) % 36] + bins[i] + bins[(i + 1) % 36];
            if (weight > bestWeight) {
                bestWeight = weight;
                best = i;
            }
        }
        double x = 0;
        double y = 0;
        for (int k = -1; k <= 1; k++) {
            int i = (best + k + 36) % 36;
            double angle = Math.toRadians(i * 10 + 5);
            x += bins[i] * Math.cos(angle);
            y += bins[i] * Math.sin(angle);
        }
        return (Math.toDegrees(Math.atan2(y, x)) + 360) % 360;
    }

    private static double edgeDensity(double[] luma, int w, int h) {
        if (w < 3 || h < 3) {
            return 0;
        }
        int edges = 0;
        for (int y = 1; y < h - 1; y++) {
            for (int x = 1; x < w - 1; x++) {
                double gx = luma[(y - 1) * w + x + 1] + 2 * luma[y * w + x + 1] + luma[(y + 1) * w + x + 1]
                        - luma[(y - 1) * w + x - 1] - 2 * luma[y * w + x - 1] - luma[(y + 1) * w + x - 1];
                double gy = luma[(y + 1) * w + x - 1] + 2 * luma[(y + 1) * w + x] + luma[(y + 1) * w + x + 1]
                        - luma[(y - 1) * w + x - 1] - 2 * luma[(y - 1) * w + x] - luma[(y - 1) * w + x + 1];
                if (Math.hypot(gx, gy) / 4 > EDGE_THRESHOLD) {
                    edges++;
                }
            }
        }
        return edges / (double) ((w - 2) * (h - 2));
    }
}
