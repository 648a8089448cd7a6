package dev.riffcode.picture;

import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Iterator;
import java.util.Locale;
import javax.imageio.ImageIO;
import javax.imageio.ImageReadParam;
import javax.imageio.ImageReader;
import javax.imageio.stream.ImageInputStream;

/**
 * A PNG or JPEG picture read within bounds: at most {@value #MAX_BYTES} bytes on disk, decoded at most
 * {@value #MAX_DECODED_SIDE} pixels on its long side (a larger one is subsampled while it is decoded, so a
 * picture that declares huge dimensions never fills the memory). It keeps the file as it was (for the
 * session), a copy for a model (the file itself, or scaled down to {@value #MAX_MODEL_SIDE} pixels), and
 * its measured {@link PictureFeatures}.
 */
public final class Picture {

    /** The largest file accepted: 20 MB, as OpenAI's limit for one image. */
    public static final long MAX_BYTES = 20L * 1024 * 1024;
    /** More pixels than this is refused before decoding: such a file is a decompression bomb, not a photo. */
    static final long MAX_PIXELS = 100_000_000L;
    /** Pictures are decoded no larger than this on their long side. */
    static final int MAX_DECODED_SIDE = 4096;
    /** A model gets the picture at most this large on its long side; vision models scale down to about this anyway. */
    public static final int MAX_MODEL_SIDE = 1024;
    /** Features are measured on a copy this large on its long side, so they do not depend on the resolution. */
    static final int ANALYSIS_SIDE = 256;

    /** The two formats accepted. */
    public enum Format {
        PNG("png", "image/png"), JPEG("jpg", "image/jpeg");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        public String extension() {
            return extension;
        }

        public String mediaType() {
            return mediaType;
        }
    }

    private final String name;
    private final byte[] original;
    private final Format format;
    private final int width;
    private final int height;
    private final byte[] forModel;
    private final PictureFeatures features;

    private Picture(String name, byte[] original, Format format, int width, int height, byte[] forModel,
            PictureFeatures features) {
        this.name = name;
        this.original = original;
        this.format = format;
        this.width = width;
        this.height = height;
        this.forModel = forModel;
        this.features = features;
    }

    /** Reads a picture file; the exception says what is wrong with it (missing, too big, not PNG or JPEG, broken). */
    public static Picture read(Path file) throws PictureException {
        String shown = file.toString();
        if (Files.isDirectory(file)) {
            throw new PictureException(shown + " is a folder; give a PNG or JPEG file");
        }
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new PictureException(shown + " does not exist; check the path of the picture");
        } catch (IOException e) {
            throw new PictureException(shown + " cannot be read: " + e.getMessage(), e);
        }
        if (size > MAX_BYTES) {
            throw new PictureException(String.format(Locale.ROOT, "%s is %.1f MB; the limit is %d MB. Save it smaller "
                    + "(e.g. as a JPEG, or scaled to 2000 pixels wide) and try again", shown, size / 1048576.0,
                    MAX_BYTES / 1048576));
        }
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (IOException e) {
            throw new PictureException(shown + " cannot be read: " + e.getMessage(), e);
        }
        return of(file.getFileName().toString(), bytes);
    }

    /** A picture from its file's bytes; {@code name} is what messages call it. */
    public static Picture of(String name, byte[] bytes) throws PictureException {
        if (bytes.length > MAX_BYTES) {
            throw new PictureException(name + " is larger than " + MAX_BYTES / 1048576 + " MB; save it smaller");
        }
        Format format = sniff(bytes);
        if (format == null) {
            throw new PictureException(name + " is not a PNG or JPEG picture" + describe(bytes)
                    + "; save or convert it as PNG or JPEG");
        }
        BufferedImage decoded;
        int width;
        int height;
        try (ImageInputStream in = ImageIO.createImageInputStream(new ByteArrayInputStream(bytes))) {
            Iterator<ImageReader> readers = ImageIO.getImageReaders(in);
            if (!readers.hasNext()) {
                throw new PictureException(name + " looks like a " + format + " file but cannot be decoded");
            }
            ImageReader reader = readers.next();
            try {
                reader.setInput(in, true, true);
                width = reader.getWidth(0);
                height = reader.getHeight(0);
                if ((long) width * height > MAX_PIXELS) {
                    throw new PictureException(String.format(Locale.ROOT, "%s is %d\u00d7%d pixels, over the %d "
                            + "megapixels accepted; scale it down and try again", name, width, height,
                            MAX_PIXELS / 1_000_000));
                }
                ImageReadParam param = reader.getDefaultReadParam();
                int step = (int) Math.ceil(Math.max(width, height) / (double) MAX_DECODED_SIDE);
                if (step > 1) {
                    param.setSourceSubsampling(step, step, 0, 0);
                }
                decoded = reader.read(0, param);
            } finally {
                reader.dispose();
            }
        } catch (IOException | RuntimeException e) {
            throw new PictureException(name + " cannot be decoded as " + format + " (" + e.getMessage() + "): it is "
                    + "damaged or truncated, or a kind Java cannot read (a CMYK JPEG); open it in an image editor "
                    + "and save it again as an RGB PNG or JPEG", e);
        }
        if (width < 1 || height < 1 || decoded == null) {
            throw new PictureException(name + " has no pixels");
        }
        BufferedImage rgb = toRgb(decoded);
        byte[] forModel = Math.max(width, height) <= MAX_MODEL_SIDE ? bytes : encode(scaled(rgb, MAX_MODEL_SIDE), format);
        PictureFeatures features = PictureFeatures.measure(scaled(rgb, ANALYSIS_SIDE));
        return new Picture(name, bytes, format, width, height, forModel, features);
    }

    /** The file name it was read from. */
    public String name() {
        return name;
    }

    /** The file exactly as given. */
    public byte[] original() {
        return original.clone();
    }

    public Format format() {
        return format;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public PictureFeatures features() {
        return features;
    }

    /** The picture for a model as a {@code data:} URL: the file itself, or scaled down to {@value #MAX_MODEL_SIDE} px. */
    public String dataUrl() {
        return "data:" + format.mediaType() + ";base64," + Base64.getEncoder().encodeToString(forModel);
    }

    /** The size of what a model is sent, in pixels, e.g. "1024×768". */
    public String modelSize() {
        double scale = Math.min(1, MAX_MODEL_SIDE / (double) Math.max(width, height));
        return Math.max(1, Math.round(width * scale)) + "\u00d7" + Math.max(1, Math.round(height * scale));
    }

    @Override
    public String toString() {
        return name + " (" + format + ", " + width + "\u00d7" + height + ")";
    }

    /** PNG or JPEG by their signatures, else null. */
    static Format sniff(byte[] b) {
        if (b.length >= 8 && (b[0] & 0xff) == 0x89 && b[1] == 'P' && b[2] == 'N' && b[3] == 'G'
                && b[4] == '\r' && b[5] == '\n' && b[6] == 0x1a && b[7] == '\n') {
            return Format.PNG;
        }
        if (b.length >= 3 && (b[0] & 0xff) == 0xff && (b[1] & 0xff) == 0xd8 && (b[2] & 0xff) == 0xff) {
            return Format.JPEG;
        }
        return null;
    }

    /** What the bytes look like instead, for the error message. */
    private static String describe(byte[] b) {
        if (b.length == 0) {
            return " (the file is empty)";
        }
        String start = new String(b, 0, Math.min(b.length, 12), java.nio.charset.StandardCharsets.ISO_8859_1);
        if (start.startsWith("GIF8")) {
            return " (it is a GIF)";
        }
        if (start.startsWith("RIFF") && start.endsWith("WEBP")) {
            return " (it is a WebP)";
        }
        if (start.startsWith("BM")) {
            return " (it looks like a BMP)";
        }
        if (start.startsWith("<svg") || start.startsWith("<?xml")) {
            return " (it is SVG or other XML)";
        }
        if (start.contains("ftyp")) {
            return " (it looks like HEIC/AVIF or a video)";
        }
        return "";
    }

    /** Any decoded picture as plain 8-bit RGB, transparency flattened onto white (as a viewer shows it). */
    private static BufferedImage toRgb(BufferedImage image) {
        if (image.getType() == BufferedImage.TYPE_INT_RGB) {
            return image;
        }
        BufferedImage rgb = new BufferedImage(image.getWidth(), image.getHeight(), BufferedImage.TYPE_INT_RGB);
        Graphics2D g = rgb.createGraphics();
        try {
            g.setColor(java.awt.Color.WHITE);
            g.fillRect(0, 0, rgb.getWidth(), rgb.getHeight());
            g.drawImage(image, 0, 0, null);
        } finally {
            g.dispose();
        }
        return rgb;
    }

    /**
     * The picture no larger than {@code side} on its long side, halved step by step with bilinear filtering
     * (one big bilinear step would skip pixels and alias fine detail).
     */
    static BufferedImage scaled(BufferedImage image, int side) {
        BufferedImage current = image;
        while (Math.max(current.getWidth(), current.getHeight()) > side) {
            double factor = Math.max(0.5, side / (double) Math.max(current.getWidth(), current.getHeight()));
            int w = Math.max(1, (int) Math.round(current.getWidth() * factor));
            int h = Math.max(1, (int) Math.round(current.getHeight() * factor));
            BufferedImage next = new BufferedImage(w, h, BufferedImage.TYPE_INT_RGB);
            Graphics2D g = next.createGraphics();
            try {
                g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
                g.drawImage(current, 0, 0, w, h, null);
            } finally {
                g.dispose();
            }
            current = next;
        }
        return current;
    }

    private static byte[] encode(BufferedImage image, Format format) throws PictureException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format == Format.PNG ? "png" : "jpeg", out)) {
                throw new PictureException("this Java has no " + format + " writer to scale the picture down");
            }
        } catch (IOException e) {
            throw new PictureException("the picture could not be scaled down: " + e.getMessage(), e);
        }
        return out.toByteArray();
    }
}
