package dev.riffcode.clip;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.util.Map;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;

/** Riffusion's EXIF tags in a PNG eXIf chunk and in a JPEG APP1 segment, both byte orders. */
class ExifTest {

    static byte[] encode(BufferedImage image, String format) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ImageIO.write(image, format, out);
        return out.toByteArray();
    }

    @Test
    void pngAndJpegCarryTheMaxValue() throws Exception {
        float[][] mel = new float[4][512];
        mel[1][100] = 1234.5f;
        byte[] png = SpectrogramImage.toPng(mel);
        Map<Integer, Double> tags = Exif.read(png);
        assertEquals(1234.5, tags.get(SpectrogramParams.Tag.MAX_VALUE.id), 1e-6);
        assertEquals(44_100.0, tags.get(SpectrogramParams.Tag.SAMPLE_RATE.id));
        assertEquals(0.25, tags.get(SpectrogramParams.Tag.POWER_FOR_IMAGE.id));
        assertEquals(512.0, tags.get(SpectrogramParams.Tag.NUM_FREQUENCIES.id));
        assertTrue(ImageIO.read(new java.io.ByteArrayInputStream(png)) != null, "still a valid PNG");

        byte[] jpeg = encode(SpectrogramImage.toImage(mel), "jpeg");
        byte[] tiff = Exif.tiff(SpectrogramImage.tags(987654.25));
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        app1.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(tiff);
        byte[] tagged = new byte[jpeg.length + app1.capacity()];
        System.arraycopy(jpeg, 0, tagged, 0, 2);
        System.arraycopy(app1.array(), 0, tagged, 2, app1.capacity());
        System.arraycopy(jpeg, 2, tagged, 2 + app1.capacity(), jpeg.length - 2);
        SpectrogramImage.Decoded decoded = SpectrogramImage.read(tagged);
        assertTrue(decoded.tagged());
        assertEquals(987654.25, decoded.maxValue(), 1e-6);
        assertEquals(4, decoded.frames());
    }

    @Test
    void bigEndianDirectoriesAndAnUntaggedPictureUseTheDefault() throws Exception {
        // MM, one entry: tag 11080, type LONG, count 1, value 5000
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 12 + 4);
        b.put((byte) 'M').put((byte) 'M').putShort((short) 42).putInt(8).putShort((short) 1);
        b.putShort((short) 11080).putShort((short) 4).putInt(1).putInt(5000).putInt(0);
        assertEquals(Map.of(11080, 5000.0), Exif.parseTiff(b.array()));

        byte[] plain = encode(SpectrogramImage.toImage(new float[3][512]), "png");
        SpectrogramImage.Decoded d = SpectrogramImage.read(plain);
        assertEquals(SpectrogramParams.DEFAULT_MAX_VALUE, d.maxValue());
        assertTrue(!d.tagged());
    }

    @Test
    void aPictureOfTheWrongHeightIsRefusedWithAReason() throws Exception {
        byte[] png = encode(new BufferedImage(512, 256, BufferedImage.TYPE_INT_RGB), "png");
        ClipException e = org.junit.jupiter.api.Assertions.assertThrows(ClipException.class,
                () -> SpectrogramImage.read(png));
        assertTrue(e.getMessage().contains("512 pixels high"), e.getMessage());
    }
}
