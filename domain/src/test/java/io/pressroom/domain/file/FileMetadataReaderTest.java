package io.pressroom.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class FileMetadataReaderTest {
    private final FileMetadataReader reader = new FileMetadataReader();

    private FileMetadata read(byte[] bytes) {
        FileKind kind = FileKind.detect(bytes, bytes.length).orElseThrow();
        return reader.read(kind, ByteSource.of(bytes));
    }

    @Test
    void pngPixelsAndDpiFromPhysRoundedFromPixelsPerMetre() {
        byte[] png = TestImages.png(7200, 10800, 300);
        assertThat(TestImages.decode(png).getWidth()).isEqualTo(7200);
        FileMetadata m = read(png);
        assertThat(m).isEqualTo(new FileMetadata(FileKind.PNG, 7200, 10800, 300, 300));
        assertThat(m.widthInches()).isEqualTo(24.0);
        assertThat(m.heightInches()).isEqualTo(36.0);
        assertThat(m.toMap()).containsEntry("kind", "png").containsEntry("widthPx", 7200).containsEntry("dpiX", 300)
                .containsEntry("widthInches", 24.0).containsEntry("heightInches", 36.0);
    }

    @Test
    void pngWithoutPhysHasPixelsButNoDpiNorInches() {
        FileMetadata m = read(TestImages.png(640, 480, null));
        assertThat(m).isEqualTo(new FileMetadata(FileKind.PNG, 640, 480, null, null));
        assertThat(m.toMap()).containsOnlyKeys("kind", "widthPx", "heightPx");
    }

    @Test
    void png72And150Dpi() {
        assertThat(read(TestImages.png(72, 144, 72)).dpiX()).isEqualTo(72);
        FileMetadata m = read(TestImages.png(3000, 1500, 150));
        assertThat(m.dpiY()).isEqualTo(150);
        assertThat(m.widthInches()).isEqualTo(20.0);
    }

    @Test
    void jpegFromJfifDensity() {
        byte[] jpeg = TestImages.jpeg(1800, 1200, 300);
        assertThat(TestImages.decode(jpeg).getHeight()).isEqualTo(1200);
        FileMetadata m = read(jpeg);
        assertThat(m).isEqualTo(new FileMetadata(FileKind.JPEG, 1800, 1200, 300, 300));
        assertThat(m.widthInches()).isEqualTo(6.0);
        assertThat(m.heightInches()).isEqualTo(4.0);
    }

    @Test
    void jpegWithoutDensityHasNoDpi() {
        assertThat(read(TestImages.jpeg(100, 50, null))).isEqualTo(new FileMetadata(FileKind.JPEG, 100, 50, null, null));
    }

    @Test
    void jpegFromExifResolutionWhenJfifSaysNothing() {
        byte[] jpeg = TestImages.jpegWithExif(600, 400, 200);
        assertThat(TestImages.decode(jpeg).getWidth()).isEqualTo(600);
        assertThat(read(jpeg)).isEqualTo(new FileMetadata(FileKind.JPEG, 600, 400, 200, 200));
    }

    @Test
    void tiffBothByteOrdersInchesAndCentimetres() {
        byte[] little = TestImages.tiff(300, 150, 300, 2, ByteOrder.LITTLE_ENDIAN);
        assertThat(TestImages.decode(little).getWidth()).isEqualTo(300);
        assertThat(read(little)).isEqualTo(new FileMetadata(FileKind.TIFF, 300, 150, 300, 300));
        byte[] big = TestImages.tiff(240, 120, 240, 2, ByteOrder.BIG_ENDIAN);
        assertThat(TestImages.decode(big).getHeight()).isEqualTo(120);
        assertThat(read(big)).isEqualTo(new FileMetadata(FileKind.TIFF, 240, 120, 240, 240));
        byte[] cm = TestImages.tiff(200, 100, 118.11, 3, ByteOrder.LITTLE_ENDIAN); // 118.11 px/cm = 300 dpi
        assertThat(TestImages.decode(cm).getWidth()).isEqualTo(200);
        assertThat(read(cm)).isEqualTo(new FileMetadata(FileKind.TIFF, 200, 100, 300, 300));
    }

    @Test
    void pdfAndSvgKindOnly() {
        assertThat(read("%PDF-1.7\n%\u00e2\u00e3\n1 0 obj".getBytes(StandardCharsets.ISO_8859_1)))
                .isEqualTo(FileMetadata.kindOnly(FileKind.PDF));
        assertThat(read("<?xml version=\"1.0\"?>\n<!-- hi -->\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>".getBytes(StandardCharsets.UTF_8)))
                .isEqualTo(FileMetadata.kindOnly(FileKind.SVG));
    }

    @Test
    void truncatedAndGarbageFilesGiveWhatCouldBeReadNeverAnException() {
        byte[] png = TestImages.png(10, 20, 300);
        byte[] cut = java.util.Arrays.copyOf(png, 20);
        assertThat(read(cut).kind()).isEqualTo(FileKind.PNG);
        byte[] jpegHead = {(byte) 0xFF, (byte) 0xD8, (byte) 0xFF, (byte) 0xE0, 0, 1};
        assertThat(read(jpegHead)).isEqualTo(FileMetadata.kindOnly(FileKind.JPEG));
        byte[] tiffLoop = {'I', 'I', 42, 0, (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 0x7F};
        assertThat(read(tiffLoop)).isEqualTo(FileMetadata.kindOnly(FileKind.TIFF));
    }

    @Test
    void kindsAreDecidedFromBytesOnly() {
        assertThat(FileKind.detect("<html><script>alert(1)</script>".getBytes(), 31)).isEmpty();
        assertThat(FileKind.detect("MZ\u0090\u0000".getBytes(StandardCharsets.ISO_8859_1), 4)).isEmpty();
        assertThat(FileKind.detect(new byte[0], 0)).isEmpty();
        assertThat(FileKind.detect("<svgfoo>".getBytes(), 8)).isEmpty();
        assertThat(FileKind.detect("\uFEFF<svg width='1'/>".getBytes(StandardCharsets.UTF_8), 20)).contains(FileKind.SVG);
    }

    @Test
    void metadataRoundTripsThroughItsStoredShape() {
        FileMetadata m = new FileMetadata(FileKind.TIFF, 10, 20, 300, 150);
        assertThat(FileMetadata.fromMap(m.toMap(), null)).isEqualTo(m);
        assertThat(FileMetadata.fromMap(java.util.Map.of(), FileKind.PNG)).isEqualTo(FileMetadata.kindOnly(FileKind.PNG));
    }
}
