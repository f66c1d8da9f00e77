package io.pressroom.domain.file;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import javax.imageio.IIOImage;
import javax.imageio.ImageIO;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.ImageWriteParam;
import javax.imageio.ImageWriter;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.metadata.IIOMetadataNode;
import javax.imageio.stream.ImageOutputStream;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/** Real image files of a known size and resolution, made in the test (ImageIO, or by hand for TIFF/EXIF). */
public final class TestImages {
    private TestImages() {}

    /** A PNG written by ImageIO with a pHYs chunk for {@code dpi} (pixels per metre). */
    public static byte[] png(int width, int height, Integer dpi) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("png").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            if (dpi != null) {
                long ppm = Math.round(dpi / 0.0254); // PNG stores pixels per metre
                IIOMetadataNode phys = new IIOMetadataNode("pHYs");
                phys.setAttribute("pixelsPerUnitXAxis", Long.toString(ppm));
                phys.setAttribute("pixelsPerUnitYAxis", Long.toString(ppm));
                phys.setAttribute("unitSpecifier", "meter");
                IIOMetadataNode root = new IIOMetadataNode("javax_imageio_png_1.0");
                root.appendChild(phys);
                metadata.mergeTree("javax_imageio_png_1.0", root);
            }
            return write(writer, image, metadata, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A JPEG written by ImageIO with a JFIF density of {@code dpi} dots per inch (null: aspect ratio only). */
    public static byte[] jpeg(int width, int height, Integer dpi) {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        ImageWriter writer = ImageIO.getImageWritersByFormatName("jpeg").next();
        try {
            ImageWriteParam param = writer.getDefaultWriteParam();
            IIOMetadata metadata = writer.getDefaultImageMetadata(ImageTypeSpecifier.createFromRenderedImage(image), param);
            String format = "javax_imageio_jpeg_image_1.0";
            Node root = metadata.getAsTree(format);
            IIOMetadataNode jfif = find(root, "app0JFIF");
            jfif.setAttribute("resUnits", dpi == null ? "0" : "1");
            jfif.setAttribute("Xdensity", dpi == null ? "1" : dpi.toString());
            jfif.setAttribute("Ydensity", dpi == null ? "1" : dpi.toString());
            metadata.setFromTree(format, root);
            return write(writer, image, metadata, param);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            writer.dispose();
        }
    }

    /** A JPEG whose JFIF says nothing of resolution, with an EXIF APP1 segment saying {@code dpi}. */
    public static byte[] jpegWithExif(int width, int height, int dpi) {
        byte[] plain = jpeg(width, height, null);
        byte[] tiff = tiffHeaderWithResolution(dpi, ByteOrder.BIG_ENDIAN);
        ByteBuffer app1 = ByteBuffer.allocate(4 + 6 + tiff.length).order(ByteOrder.BIG_ENDIAN);
        app1.put((byte) 0xFF).put((byte) 0xE1).putShort((short) (2 + 6 + tiff.length));
        app1.put(new byte[] {'E', 'x', 'i', 'f', 0, 0}).put(tiff);
        byte[] out = new byte[plain.length + app1.capacity()];
        System.arraycopy(plain, 0, out, 0, 2); // SOI
        System.arraycopy(app1.array(), 0, out, 2, app1.capacity());
        System.arraycopy(plain, 2, out, 2 + app1.capacity(), plain.length - 2);
        return out;
    }

    /** An EXIF-style TIFF body: IFD0 with XResolution, YResolution, ResolutionUnit=inch. */
    private static byte[] tiffHeaderWithResolution(int dpi, ByteOrder order) {
        ByteBuffer b = ByteBuffer.allocate(8 + 2 + 3 * 12 + 4 + 16).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(8);
        b.putShort((short) 3);
        int rationals = 8 + 2 + 3 * 12 + 4;
        entry(b, 0x011A, 5, 1, rationals);
        entry(b, 0x011B, 5, 1, rationals + 8);
        b.putShort((short) 0x0128).putShort((short) 3).putInt(1).putShort((short) 2).putShort((short) 0);
        b.putInt(0);
        b.putInt(dpi).putInt(1).putInt(dpi * 2).putInt(2);
        return b.array();
    }

    /**
     * A real baseline TIFF (8-bit grey, uncompressed, one strip), written by hand in
     * {@code order}, with the resolution given in {@code unit} (2 inch, 3 centimetre).
     */
    public static byte[] tiff(int width, int height, double resolution, int unit, ByteOrder order) {
        int entries = 11;
        int ifdOffset = 8;
        int ifdSize = 2 + entries * 12 + 4;
        int rationals = ifdOffset + ifdSize;
        int pixels = rationals + 16;
        ByteBuffer b = ByteBuffer.allocate(pixels + width * height).order(order);
        b.put(order == ByteOrder.LITTLE_ENDIAN ? new byte[] {'I', 'I'} : new byte[] {'M', 'M'}).putShort((short) 42).putInt(ifdOffset);
        b.putShort((short) entries);
        entry(b, 0x0100, 4, 1, width);            // ImageWidth LONG
        shortEntry(b, 0x0101, height);             // ImageLength SHORT
        shortEntry(b, 0x0102, 8);                  // BitsPerSample
        shortEntry(b, 0x0103, 1);                  // Compression: none
        shortEntry(b, 0x0106, 1);                  // Photometric: black is zero
        entry(b, 0x0111, 4, 1, pixels);            // StripOffsets
        shortEntry(b, 0x0115, 1);                  // SamplesPerPixel
        entry(b, 0x0116, 4, 1, height);            // RowsPerStrip
        entry(b, 0x0117, 4, 1, width * height);    // StripByteCounts
        entry(b, 0x011A, 5, 1, rationals);         // XResolution
        entry(b, 0x011B, 5, 1, rationals + 8);     // YResolution
        b.putInt(0);
        // resolution as a rational with denominator 100 (e.g. 118.11 px/cm)
        b.putInt((int) Math.round(resolution * 100)).putInt(100);
        b.putInt((int) Math.round(resolution * 100)).putInt(100);
        byte[] out = b.array();
        if (unit != 2) {
            return withUnit(out, order, unit);
        }
        return out;
    }

    /** Rewrites the IFD with a ResolutionUnit entry (unit 2, inch, is TIFF's default). */
    private static byte[] withUnit(byte[] tiff, ByteOrder order, int unit) {
        ByteBuffer src = ByteBuffer.wrap(tiff).order(order);
        int count = src.getShort(8) & 0xFFFF;
        ByteBuffer out = ByteBuffer.allocate(tiff.length + 12).order(order);
        out.put(tiff, 0, 8);
        out.putShort((short) (count + 1));
        for (int i = 0; i < count; i++) {
            int at = 10 + i * 12;
            int tag = src.getShort(at) & 0xFFFF;
            int type = src.getShort(at + 2) & 0xFFFF;
            int n = src.getInt(at + 4);
            int value = src.getInt(at + 8);
            if (tag == 0x0111 || (type == 5)) {
                value += 12; // offsets move by one entry
            }
            if (type == 3) {
                out.putShort((short) tag).putShort((short) type).putInt(n).put(tiff, at + 8, 4);
            } else {
                out.putShort((short) tag).putShort((short) type).putInt(n).putInt(value);
            }
        }
        out.putShort((short) 0x0128).putShort((short) 3).putInt(1).putShort((short) unit).putShort((short) 0);
        int rest = 10 + count * 12;
        out.put(tiff, rest, tiff.length - rest);
        return out.array();
    }

    private static void entry(ByteBuffer b, int tag, int type, int count, int value) {
        b.putShort((short) tag).putShort((short) type).putInt(count).putInt(value);
    }

    private static void shortEntry(ByteBuffer b, int tag, int value) {
        b.putShort((short) tag).putShort((short) 3).putInt(1).putShort((short) value).putShort((short) 0);
    }

    private static byte[] write(ImageWriter writer, BufferedImage image, IIOMetadata metadata, ImageWriteParam param)
            throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ImageOutputStream out = ImageIO.createImageOutputStream(bytes)) {
            writer.setOutput(out);
            writer.write(null, new IIOImage(image, null, metadata), param);
        }
        return bytes.toByteArray();
    }

    private static IIOMetadataNode find(Node node, String name) {
        if (name.equals(node.getNodeName())) {
            return (IIOMetadataNode) node;
        }
        NodeList children = node.getChildNodes();
        for (int i = 0; i < children.getLength(); i++) {
            IIOMetadataNode found = find(children.item(i), name);
            if (found != null) {
                return found;
            }
        }
        return null;
    }

    /** Reads an image back with ImageIO (proves the test files are real). */
    public static BufferedImage decode(byte[] bytes) {
        try {
            return ImageIO.read(new java.io.ByteArrayInputStream(bytes));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
