package io.pressroom.domain.file;

import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Reads pixel size and resolution from the formats print shops send, by hand and by the
 * specifications (no image decoding, so a huge or hostile file costs a few small reads):
 * PNG IHDR + pHYs (pixels per metre, rounded to DPI), JPEG SOFn + JFIF density + EXIF
 * XResolution/YResolution, TIFF IFD0 (ImageWidth, ImageLength, X/YResolution, ResolutionUnit).
 * PDF and SVG: the kind only. A damaged file yields what could be read, never an exception.
 */
public final class FileMetadataReader {

    private static final double METRES_PER_INCH = 0.0254;
    private static final int MAX_PNG_CHUNKS = 10_000;
    private static final int MAX_JPEG_SEGMENTS = 10_000;

    public FileMetadata read(FileKind kind, ByteSource src) {
        try {
            return switch (kind) {
                case PNG -> png(src);
                case JPEG -> jpeg(src);
                case TIFF -> tiff(src, 0, src.size()).toMetadata(FileKind.TIFF);
                case PDF, SVG -> FileMetadata.kindOnly(kind);
            };
        } catch (IOException | RuntimeException e) {
            return FileMetadata.kindOnly(kind);
        }
    }

    // ---- PNG: 8-byte signature, then chunks (length, type, data, crc); IHDR first ----
    private static FileMetadata png(ByteSource src) throws IOException {
        byte[] ihdr = src.readAt(8, 8 + 8);
        if (ihdr.length < 16 || !"IHDR".equals(ascii(ihdr, 4, 4))) {
            return FileMetadata.kindOnly(FileKind.PNG);
        }
        Integer width = positive(u32be(ihdr, 8));
        Integer height = positive(u32be(ihdr, 12));
        Integer dpiX = null;
        Integer dpiY = null;
        long pos = 8;
        for (int i = 0; i < MAX_PNG_CHUNKS && pos + 8 <= src.size(); i++) {
            byte[] header = src.readAt(pos, 8);
            if (header.length < 8) {
                break;
            }
            long length = u32be(header, 0);
            String type = ascii(header, 4, 4);
            if ("pHYs".equals(type) && length == 9) {
                byte[] phys = src.readAt(pos + 8, 9);
                if (phys.length == 9 && phys[8] == 1) { // unit 1: metre
                    dpiX = positive(Math.round(u32be(phys, 0) * METRES_PER_INCH));
                    dpiY = positive(Math.round(u32be(phys, 4) * METRES_PER_INCH));
                }
                break;
            }
            if ("IDAT".equals(type) || "IEND".equals(type)) {
                break; // pHYs must come before the image data
            }
            pos += 12 + length;
        }
        return new FileMetadata(FileKind.PNG, width, height, dpiX, dpiY);
    }

    // ---- JPEG: markers FF xx; APP0 JFIF density, APP1 EXIF, SOFn frame size; stop at SOS ----
    private static FileMetadata jpeg(ByteSource src) throws IOException {
        Integer width = null;
        Integer height = null;
        Integer jfifX = null;
        Integer jfifY = null;
        Resolution exif = null;
        long pos = 2;
        for (int i = 0; i < MAX_JPEG_SEGMENTS && pos + 4 <= src.size(); i++) {
            byte[] m = src.readAt(pos, 4);
            if (m.length < 4 || (m[0] & 0xFF) != 0xFF) {
                break;
            }
            int marker = m[1] & 0xFF;
            if (marker == 0xFF) { // fill byte
                pos++;
                continue;
            }
            if (marker == 0xD8 || marker == 0x01 || (marker >= 0xD0 && marker <= 0xD7)) { // no length
                pos += 2;
                continue;
            }
            if (marker == 0xDA || marker == 0xD9) { // start of scan / end of image
                break;
            }
            int length = u16be(m, 2);
            if (length < 2) {
                break;
            }
            long data = pos + 4;
            int dataLength = length - 2;
            if (marker == 0xE0 && dataLength >= 12) {
                byte[] app0 = src.readAt(data, 12);
                if (app0.length == 12 && "JFIF".equals(ascii(app0, 0, 4)) && app0[4] == 0) {
                    int units = app0[7] & 0xFF;
                    int x = u16be(app0, 8);
                    int y = u16be(app0, 10);
                    if (units == 1) {
                        jfifX = positive(x);
                        jfifY = positive(y);
                    } else if (units == 2) { // dots per centimetre
                        jfifX = positive(Math.round(x * 2.54));
                        jfifY = positive(Math.round(y * 2.54));
                    }
                }
            } else if (marker == 0xE1 && dataLength > 14 && exif == null) {
                byte[] id = src.readAt(data, 6);
                if (id.length == 6 && "Exif".equals(ascii(id, 0, 4)) && id[4] == 0 && id[5] == 0) {
                    exif = tiff(src, data + 6, dataLength - 6).resolution();
                }
            } else if (isStartOfFrame(marker) && dataLength >= 5) {
                byte[] sof = src.readAt(data, 5);
                if (sof.length == 5) {
                    height = positive(u16be(sof, 1));
                    width = positive(u16be(sof, 3));
                }
            }
            pos = data + dataLength;
        }
        Integer dpiX = jfifX;
        Integer dpiY = jfifY;
        if ((dpiX == null || dpiY == null) && exif != null) {
            dpiX = exif.x();
            dpiY = exif.y();
        }
        return new FileMetadata(FileKind.JPEG, width, height, dpiX, dpiY);
    }

    private static boolean isStartOfFrame(int marker) {
        return marker >= 0xC0 && marker <= 0xCF && marker != 0xC4 && marker != 0xC8 && marker != 0xCC;
    }

    // ---- TIFF (also EXIF's body): byte order, IFD0 entries ----
    private record Resolution(Integer x, Integer y) {}

    private record TiffInfo(Integer width, Integer height, Resolution resolution) {
        FileMetadata toMetadata(FileKind kind) {
            return new FileMetadata(kind, width, height,
                    resolution == null ? null : resolution.x(), resolution == null ? null : resolution.y());
        }
    }

    private static TiffInfo tiff(ByteSource src, long base, long limit) throws IOException {
        byte[] header = src.readAt(base, 8);
        if (header.length < 8) {
            return new TiffInfo(null, null, null);
        }
        boolean little;
        if (header[0] == 'I' && header[1] == 'I') {
            little = true;
        } else if (header[0] == 'M' && header[1] == 'M') {
            little = false;
        } else {
            return new TiffInfo(null, null, null);
        }
        long ifd = u32(header, 4, little);
        if (ifd < 8 || ifd + 2 > limit) {
            return new TiffInfo(null, null, null);
        }
        byte[] countBytes = src.readAt(base + ifd, 2);
        if (countBytes.length < 2) {
            return new TiffInfo(null, null, null);
        }
        int count = Math.min(u16(countBytes, 0, little), 1000);
        byte[] entries = src.readAt(base + ifd + 2, count * 12);
        Integer width = null;
        Integer height = null;
        Double xRes = null;
        Double yRes = null;
        int unit = 2; // inch, the default
        for (int i = 0; i + 12 <= entries.length; i += 12) {
            int tag = u16(entries, i, little);
            int type = u16(entries, i + 2, little);
            switch (tag) {
                case 0x0100 -> width = positive(shortOrLong(entries, i, type, little));
                case 0x0101 -> height = positive(shortOrLong(entries, i, type, little));
                case 0x011A -> xRes = rational(src, base, limit, entries, i, type, little);
                case 0x011B -> yRes = rational(src, base, limit, entries, i, type, little);
                case 0x0128 -> unit = (int) shortOrLong(entries, i, type, little);
                default -> { }
            }
        }
        Resolution resolution = null;
        if (xRes != null && yRes != null && unit != 1) {
            double factor = unit == 3 ? 2.54 : 1.0; // 3: per centimetre
            resolution = new Resolution(positive(Math.round(xRes * factor)), positive(Math.round(yRes * factor)));
        }
        return new TiffInfo(width, height, resolution);
    }

    private static long shortOrLong(byte[] e, int i, int type, boolean little) {
        return switch (type) {
            case 3 -> u16(e, i + 8, little); // SHORT
            case 4 -> u32(e, i + 8, little); // LONG
            default -> -1;
        };
    }

    private static Double rational(ByteSource src, long base, long limit, byte[] e, int i, int type, boolean little)
            throws IOException {
        if (type != 5) { // RATIONAL: two LONGs at an offset
            long v = shortOrLong(e, i, type, little);
            return v > 0 ? (double) v : null;
        }
        long offset = u32(e, i + 8, little);
        if (offset + 8 > limit) {
            return null;
        }
        byte[] r = src.readAt(base + offset, 8);
        if (r.length < 8) {
            return null;
        }
        long num = u32(r, 0, little);
        long den = u32(r, 4, little);
        return den == 0 ? null : (double) num / den;
    }

    // ---- little helpers ----
    private static Integer positive(long v) {
        return v > 0 && v <= Integer.MAX_VALUE ? (int) v : null;
    }

    private static String ascii(byte[] b, int off, int len) {
        return new String(b, off, len, StandardCharsets.ISO_8859_1);
    }

    private static int u16be(byte[] b, int off) {
        return ((b[off] & 0xFF) << 8) | (b[off + 1] & 0xFF);
    }

    private static long u32be(byte[] b, int off) {
        return ((long) (b[off] & 0xFF) << 24) | ((b[off + 1] & 0xFF) << 16) | ((b[off + 2] & 0xFF) << 8) | (b[off + 3] & 0xFF);
    }

    private static int u16(byte[] b, int off, boolean little) {
        return little ? ((b[off + 1] & 0xFF) << 8) | (b[off] & 0xFF) : u16be(b, off);
    }

    private static long u32(byte[] b, int off, boolean little) {
        if (!little) {
            return u32be(b, off);
        }
        return ((long) (b[off + 3] & 0xFF) << 24) | ((b[off + 2] & 0xFF) << 16) | ((b[off + 1] & 0xFF) << 8) | (b[off] & 0xFF);
    }
}
