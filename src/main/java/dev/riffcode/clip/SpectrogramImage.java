package dev.riffcode.clip;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.imageio.ImageIO;

/**
 * Mel magnitudes as a Riffusion picture and back (see {@link SpectrogramParams} for the mapping). Pictures are read
 * from PNG or JPEG (a Riffusion server sends JPEG); the red channel carries a mono spectrogram, as in Riffusion.
 */
public final class SpectrogramImage {

    /**
     * A decoded picture.
     *
     * @param mel      {@code mel[frame][band]}, band 0 the lowest
     * @param maxValue the magnitude that black stands for: the EXIF tag's, else {@link SpectrogramParams#DEFAULT_MAX_VALUE}
     * @param tagged   true when the picture carried Riffusion's max-value tag
     */
    public record Decoded(float[][] mel, double maxValue, boolean tagged) {
        /** Columns. */
        public int frames() {
            return mel.length;
        }
    }

    private SpectrogramImage() {
    }

    /** The picture of {@code mel[frame][band]}: one column per frame, one row per band, lowest band at the bottom. */
    public static BufferedImage toImage(float[][] mel) {
        int frames = mel.length;
        int bands = SpectrogramParams.MEL_BANDS;
        double max = maxOf(mel);
        BufferedImage image = new BufferedImage(Math.max(1, frames), bands, BufferedImage.TYPE_INT_RGB);
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < bands; m++) {
                double v = max > 0 ? Math.pow(Math.max(0, mel[t][m]) / max, SpectrogramParams.POWER) * 255 : 0;
                int gray = (int) (255 - v); // truncation, as numpy's astype(uint8)
                gray = Math.max(0, Math.min(255, gray));
                image.setRGB(t, bands - 1 - m, (gray << 16) | (gray << 8) | gray);
            }
        }
        return image;
    }

    /** A PNG of {@code mel} with Riffusion's EXIF tags, including the max value that restores the level. */
    public static byte[] toPng(float[][] mel) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        if (!ImageIO.write(toImage(mel), "png", out)) {
            throw new IOException("this Java has no PNG writer");
        }
        return Exif.withPngExif(out.toByteArray(), Exif.tiff(tags(maxOf(mel))));
    }

    /** The EXIF tags Riffusion writes, with {@code maxValue}. */
    static Map<Integer, Double> tags(double maxValue) {
        Map<Integer, Double> tags = new LinkedHashMap<>();
        tags.put(SpectrogramParams.Tag.SAMPLE_RATE.id, (double) SpectrogramParams.SAMPLE_RATE);
        tags.put(SpectrogramParams.Tag.STEREO.id, 0.0);
        tags.put(SpectrogramParams.Tag.STEP_SIZE_MS.id, 10.0);
        tags.put(SpectrogramParams.Tag.WINDOW_DURATION_MS.id, 100.0);
        tags.put(SpectrogramParams.Tag.PADDED_DURATION_MS.id, 400.0);
        tags.put(SpectrogramParams.Tag.NUM_FREQUENCIES.id, (double) SpectrogramParams.MEL_BANDS);
        tags.put(SpectrogramParams.Tag.MIN_FREQUENCY.id, SpectrogramParams.MIN_HZ);
        tags.put(SpectrogramParams.Tag.MAX_FREQUENCY.id, SpectrogramParams.MAX_HZ);
        // A float in Riffusion even when whole: nudge a whole value so that it is stored as DOUBLE too.
        tags.put(SpectrogramParams.Tag.POWER_FOR_IMAGE.id, SpectrogramParams.POWER);
        tags.put(SpectrogramParams.Tag.MAX_VALUE.id, maxValue == Math.rint(maxValue) ? Math.nextUp(maxValue) : maxValue);
        return tags;
    }

    /**
     * Reads a PNG or JPEG spectrogram.
     *
     * @throws ClipException when the bytes are not a picture, or not one of Riffusion's (its height must be 512)
     */
    public static Decoded read(byte[] file) throws ClipException {
        BufferedImage image;
        try {
            image = ImageIO.read(new ByteArrayInputStream(file));
        } catch (IOException | RuntimeException e) {
            throw new ClipException(ClipException.Kind.BAD_IMAGE, "the spectrogram picture is damaged ("
                    + e.getMessage() + ")");
        }
        if (image == null) {
            throw new ClipException(ClipException.Kind.BAD_IMAGE, "the spectrogram is not a PNG or JPEG picture");
        }
        if (image.getHeight() != SpectrogramParams.MEL_BANDS) {
            throw new ClipException(ClipException.Kind.BAD_IMAGE, "the picture is " + image.getWidth() + "x"
                    + image.getHeight() + "; a Riffusion spectrogram is " + SpectrogramParams.MEL_BANDS
                    + " pixels high (one row per mel band)");
        }
        Map<Integer, Double> exif = Exif.read(file);
        Double tagged = exif.get(SpectrogramParams.Tag.MAX_VALUE.id);
        boolean hasMax = tagged != null && tagged > 0 && Double.isFinite(tagged);
        double max = hasMax ? tagged : SpectrogramParams.DEFAULT_MAX_VALUE;
        return new Decoded(fromImage(image, max), max, hasMax);
    }

    /** Mel magnitudes of a picture: red channel, flipped, inverted, power curve undone, scaled to {@code max}. */
    public static float[][] fromImage(BufferedImage image, double max) {
        int frames = image.getWidth();
        int bands = image.getHeight();
        float[] levels = new float[256];
        for (int v = 0; v < 256; v++) {
            levels[v] = (float) (Math.pow((255 - v) / 255.0, 1 / SpectrogramParams.POWER) * max);
        }
        float[][] mel = new float[frames][bands];
        // A gray picture's samples are read as they are: getRGB would pass them through a colour conversion.
        java.awt.image.Raster raster = image.getRaster();
        boolean gray = raster.getNumBands() <= 2;
        int shift = raster.getSampleModel().getSampleSize(0) - 8;
        for (int t = 0; t < frames; t++) {
            for (int m = 0; m < bands; m++) {
                int y = bands - 1 - m;
                int red = gray ? raster.getSample(t, y, 0) >> Math.max(0, shift)
                        : (image.getRGB(t, y) >> 16) & 0xFF;
                mel[t][m] = levels[red];
            }
        }
        return mel;
    }

    static double maxOf(float[][] mel) {
        double max = 0;
        for (float[] frame : mel) {
            for (float v : frame) {
                max = Math.max(max, v);
            }
        }
        return max;
    }
}
