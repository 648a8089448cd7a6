package dev.riffcode.picture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reading a picture within bounds, and measuring it. */
class PictureTest {

    @TempDir
    Path dir;

    @Test
    void aDarkBlueSmoothPictureAndABrightYellowBusyOneMeasureAsTheyLook() throws Exception {
        PictureFeatures night = Picture.read(TestPictures.write(dir, "night.png", TestPictures.darkBlueSmooth(640, 480)))
                .features();
        PictureFeatures field = Picture.read(TestPictures.write(dir, "field.png", TestPictures.brightYellowBusy(640, 480)))
                .features();
        System.out.println("night: " + night.describe() + "\nfield: " + field.describe());
        assertTrue(night.brightness() < 0.2, night.describe());
        assertTrue(field.brightness() > 0.65, field.describe());
        assertEquals("blue", PictureFeatures.hueName(night.hueDegrees()), night.describe());
        assertEquals("yellow", PictureFeatures.hueName(field.hueDegrees()), field.describe());
        assertTrue(night.edgeDensity() < 0.01, night.describe());
        assertTrue(field.edgeDensity() > 0.3, field.describe());
        assertTrue(field.contrast() > 2 * night.contrast(), night.describe() + " / " + field.describe());
    }

    @Test
    void aGreyPictureHasNoHue() throws Exception {
        BufferedImage grey = new BufferedImage(64, 64, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < 64; y++) {
            for (int x = 0; x < 64; x++) {
                int v = 60 + 2 * x;
                grey.setRGB(x, y, v << 16 | v << 8 | v);
            }
        }
        PictureFeatures f = Picture.of("grey.png", TestPictures.encode(grey, "png")).features();
        assertNull(f.hueDegrees(), f.describe());
        assertEquals(0, f.saturation(), 1e-9);
    }

    @Test
    void aLargePictureIsScaledDownForTheModelAndKeptWholeForTheSession() throws Exception {
        byte[] file = TestPictures.encode(TestPictures.brightYellowBusy(3000, 2000), "png");
        Picture big = Picture.of("big.png", file);
        assertEquals(3000, big.width());
        assertEquals(2000, big.height());
        assertArrayEquals(file, big.original(), "the session keeps the file as it was");
        String url = big.dataUrl();
        assertTrue(url.startsWith("data:image/png;base64,"), url.substring(0, 40));
        BufferedImage sent = ImageIO.read(new ByteArrayInputStream(
                Base64.getDecoder().decode(url.substring(url.indexOf(',') + 1))));
        assertEquals(1024, sent.getWidth());
        assertEquals(683, sent.getHeight());
        assertEquals("1024\u00d7683", big.modelSize());

        byte[] small = TestPictures.encode(TestPictures.darkBlueSmooth(400, 300), "jpeg");
        Picture jpeg = Picture.of("small.jpg", small);
        assertEquals(Picture.Format.JPEG, jpeg.format());
        assertEquals("data:image/jpeg;base64," + Base64.getEncoder().encodeToString(small), jpeg.dataUrl(),
                "a small picture goes as it is");
    }

    @Test
    void everyBadPictureIsRefusedWithItsProblemNamed() throws IOException {
        assertTrue(refused(dir.resolve("nowhere.png")).contains("nowhere.png does not exist"));
        assertTrue(refused(dir).contains("is a folder"));
        Path gif = TestPictures.write(dir, "anim.gif", TestPictures.darkBlueSmooth(32, 32));
        assertTrue(refused(gif).contains("anim.gif is not a PNG or JPEG picture (it is a GIF)"), refused(gif));
        Path text = Files.writeString(dir.resolve("notes.png"), "just some words");
        assertTrue(refused(text).contains("notes.png is not a PNG or JPEG picture; save or convert it"), refused(text));
        byte[] png = TestPictures.encode(TestPictures.brightYellowBusy(200, 200), "png");
        Path cut = Files.write(dir.resolve("cut.png"), Arrays.copyOf(png, png.length / 3));
        assertTrue(refused(cut).contains("cut.png cannot be decoded as PNG"), refused(cut));
        Path huge = dir.resolve("huge.jpg");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.write(new byte[] {(byte) 0xff, (byte) 0xd8, (byte) 0xff});
            f.setLength(21L * 1024 * 1024);
        }
        assertTrue(refused(huge).contains("huge.jpg is 21.0 MB; the limit is 20 MB"), refused(huge));
        Path empty = Files.write(dir.resolve("empty.png"), new byte[0]);
        assertTrue(refused(empty).contains("(the file is empty)"), refused(empty));
    }

    @Test
    void aPictureThatClaimsHugeDimensionsIsRefusedBeforeDecoding() {
        // A valid PNG header (IHDR) saying 20000 x 20000 pixels, with no data behind it.
        byte[] png = TestPictures.encode(new BufferedImage(1, 1, BufferedImage.TYPE_INT_RGB), "png");
        byte[] bomb = png.clone();
        java.nio.ByteBuffer.wrap(bomb, 16, 8).putInt(20_000).putInt(20_000);
        java.util.zip.CRC32 crc = new java.util.zip.CRC32();
        crc.update(bomb, 12, 17);
        java.nio.ByteBuffer.wrap(bomb, 29, 4).putInt((int) crc.getValue());
        PictureException e = assertThrows(PictureException.class, () -> Picture.of("bomb.png", bomb));
        assertTrue(e.getMessage().contains("bomb.png is 20000\u00d720000 pixels, over the 100 megapixels"), e.getMessage());
    }

    private static String refused(Path file) {
        PictureException e = assertThrows(PictureException.class, () -> Picture.read(file));
        assertNotNull(e.getMessage());
        return e.getMessage();
    }
}
