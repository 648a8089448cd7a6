package dev.riffcode.clip;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.zip.CRC32;

/**
 * The little of EXIF that Riffusion's images need: numeric tags of the first directory (IFD0), read from a PNG's
 * {@code eXIf} chunk or a JPEG's APP1 segment, and written into a PNG as an {@code eXIf} chunk, the way Pillow does.
 */
final class Exif {

    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};

    private Exif() {
    }

    /** Numeric IFD0 tags of a PNG or JPEG file; empty when it has none or they cannot be read. */
    static Map<Integer, Double> read(byte[] file) {
        try {
            byte[] tiff = isPng(file) ? pngExif(file) : jpegExif(file);
            return tiff == null ? Map.of() : parseTiff(tiff);
        } catch (RuntimeException e) { // a damaged directory is no reason to refuse the picture
            return Map.of();
        }
    }

    static boolean isPng(byte[] file) {
        if (file.length < PNG_SIGNATURE.length) {
            return false;
        }
        for (int i = 0; i < PNG_SIGNATURE.length; i++) {
            if (file[i] != PNG_SIGNATURE[i]) {
                return false;
            }
        }
        return true;
    }

    private static byte[] pngExif(byte[] png) {
        ByteBuffer b = ByteBuffer.wrap(png).order(ByteOrder.BIG_ENDIAN);
        int p = PNG_SIGNATURE.length;
        while (p + 8 <= png.length) {
            int length = b.getInt(p);
            String type = new String(png, p + 4, 4, StandardCharsets.US_ASCII);
            if (length < 0 || p + 12L + length > png.length) {
                return null;
            }
            if (type.equals("eXIf")) {
                byte[] data = new byte[length];
                System.arraycopy(png, p + 8, data, 0, length);
                // Some writers keep the JPEG-style "Exif\0\0" prefix.
                return startsWithExifHeader(data, 0) ? java.util.Arrays.copyOfRange(data, 6, data.length) : data;
            }
            if (type.equals("IEND")) {
                return null;
            }
            p += 12 + length;
        }
        return null;
    }

    private static byte[] jpegExif(byte[] jpg) {
        if (jpg.length < 4 || (jpg[0] & 0xFF) != 0xFF || (jpg[1] & 0xFF) != 0xD8) {
            return null;
        }
        int p = 2;
        while (p + 4 <= jpg.length && (jpg[p] & 0xFF) == 0xFF) {
            int marker = jpg[p + 1] & 0xFF;
            if (marker == 0xDA || marker == 0xD9) { // image data or end: no more headers
                return null;
            }
            int length = ((jpg[p + 2] & 0xFF) << 8) | (jpg[p + 3] & 0xFF);
            if (marker == 0xE1 && startsWithExifHeader(jpg, p + 4) && p + 2 + length <= jpg.length) {
                return java.util.Arrays.copyOfRange(jpg, p + 10, p + 2 + length);
            }
            p += 2 + length;
        }
        return null;
    }

    private static boolean startsWithExifHeader(byte[] data, int at) {
        return data.length >= at + 6 && data[at] == 'E' && data[at + 1] == 'x' && data[at + 2] == 'i'
                && data[at + 3] == 'f' && data[at + 4] == 0 && data[at + 5] == 0;
    }

    /** IFD0's numeric entries (first value of each). */
    static Map<Integer, Double> parseTiff(byte[] tiff) {
        ByteBuffer b = ByteBuffer.wrap(tiff);
        if (tiff[0] == 'I' && tiff[1] == 'I') {
            b.order(ByteOrder.LITTLE_ENDIAN);
        } else if (tiff[0] == 'M' && tiff[1] == 'M') {
            b.order(ByteOrder.BIG_ENDIAN);
        } else {
            return Map.of();
        }
        int ifd = b.getInt(4);
        int count = b.getShort(ifd) & 0xFFFF;
        Map<Integer, Double> tags = new TreeMap<>();
        for (int i = 0; i < count; i++) {
            int e = ifd + 2 + 12 * i;
            int tag = b.getShort(e) & 0xFFFF;
            int type = b.getShort(e + 2) & 0xFFFF;
            long n = b.getInt(e + 4) & 0xFFFFFFFFL;
            int size = switch (type) {
                case 1, 6, 7 -> 1;
                case 3, 8 -> 2;
                case 4, 9, 11 -> 4;
                case 5, 10, 12 -> 8;
                default -> 0;
            };
            if (size == 0 || n == 0) {
                continue;
            }
            int at = size * n <= 4 ? e + 8 : b.getInt(e + 8);
            Double v = switch (type) {
                case 1, 7 -> (double) (b.get(at) & 0xFF);
                case 6 -> (double) b.get(at);
                case 3 -> (double) (b.getShort(at) & 0xFFFF);
                case 8 -> (double) b.getShort(at);
                case 4 -> (double) (b.getInt(at) & 0xFFFFFFFFL);
                case 9 -> (double) b.getInt(at);
                case 11 -> (double) b.getFloat(at);
                case 5 -> (b.getInt(at) & 0xFFFFFFFFL) / (double) (b.getInt(at + 4) & 0xFFFFFFFFL);
                case 10 -> b.getInt(at) / (double) b.getInt(at + 4);
                case 12 -> b.getDouble(at);
                default -> null;
            };
            if (v != null) {
                tags.put(tag, v);
            }
        }
        return tags;
    }

    /**
     * A little-endian TIFF block with one directory: whole numbers as LONG, others as DOUBLE (as Pillow stores a
     * Python int and float).
     */
    static byte[] tiff(Map<Integer, Double> tags) {
        TreeMap<Integer, Double> sorted = new TreeMap<>(tags);
        int entries = sorted.size();
        int dataStart = 8 + 2 + 12 * entries + 4;
        int doubles = 0;
        for (double v : sorted.values()) {
            if (!isWhole(v)) {
                doubles++;
            }
        }
        ByteBuffer b = ByteBuffer.allocate(dataStart + 8 * doubles).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 'I').put((byte) 'I').putShort((short) 42).putInt(8);
        b.putShort((short) entries);
        int data = dataStart;
        for (Map.Entry<Integer, Double> e : sorted.entrySet()) {
            double v = e.getValue();
            b.putShort((short) (int) e.getKey());
            if (isWhole(v)) {
                b.putShort((short) 4).putInt(1).putInt((int) (long) v);
            } else {
                b.putShort((short) 12).putInt(1).putInt(data);
                b.putDouble(data, v);
                data += 8;
            }
        }
        b.putInt(0); // no next directory
        return b.array();
    }

    private static boolean isWhole(double v) {
        return v == Math.rint(v) && v >= 0 && v <= 0xFFFFFFFFL;
    }

    /** The PNG with an {@code eXIf} chunk holding {@code tiff}, placed right after the header chunk. */
    static byte[] withPngExif(byte[] png, byte[] tiff) {
        if (!isPng(png)) {
            throw new IllegalArgumentException("not a PNG");
        }
        int ihdrEnd = PNG_SIGNATURE.length + 12 + ByteBuffer.wrap(png).getInt(PNG_SIGNATURE.length);
        ByteArrayOutputStream out = new ByteArrayOutputStream(png.length + tiff.length + 12);
        out.write(png, 0, ihdrEnd);
        ByteBuffer chunk = ByteBuffer.allocate(12 + tiff.length).order(ByteOrder.BIG_ENDIAN);
        chunk.putInt(tiff.length).put("eXIf".getBytes(StandardCharsets.US_ASCII)).put(tiff);
        CRC32 crc = new CRC32();
        crc.update(chunk.array(), 4, 4 + tiff.length);
        chunk.putInt((int) crc.getValue());
        out.write(chunk.array(), 0, chunk.capacity());
        out.write(png, ihdrEnd, png.length - ihdrEnd);
        return out.toByteArray();
    }
}
