package io.pressroom.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import io.pressroom.domain.printjob.MinimumDpi;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

class PrintCheckTest {
    private static final UUID ORG = UUID.randomUUID();
    private static final PrintTarget DTF_22 = new PrintTarget("DTF 22", 22, 100, 300);

    private static MinimumDpi canvas(String name, int dpi) {
        return MinimumDpi.ofCanvasConfig(UUID.randomUUID(), name, dpi);
    }

    private static StoredFile file(String name, FileMetadata m) {
        return new StoredFile(UUID.randomUUID(), ORG, "x", name, "k", 1, m.kind().mimeType(), "0".repeat(64), "nas", m, null, null);
    }

    @Test
    void aFileThatFitsAtEnoughDpiPasses() {
        var f = file("logo.png", new FileMetadata(FileKind.PNG, 6600, 9000, 300, 300)); // 22 x 30 in
        assertThat(PrintCheck.check(List.of(f), DTF_22, null).ok()).isTrue();
    }

    @Test
    void eitherOrientationFits() {
        var f = file("banner.png", new FileMetadata(FileKind.PNG, 30000, 6000, 300, 300)); // 100 x 20 in
        assertThat(PrintCheck.check(List.of(f), DTF_22, null).ok()).isTrue();
    }

    @Test
    void tooLargeSaysBySizeAndPrinter() {
        var f = file("poster.png", new FileMetadata(FileKind.PNG, 3600, 5400, 150, 150)); // 24 x 36 in at 150
        var result = PrintCheck.check(List.of(f), DTF_22, canvas("Gang", 150));
        assertThat(result.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("file.too-large");
            assertThat(r.message()).isEqualTo("file poster.png is 24.0 × 36.0 in at 150 dpi; DTF 22 takes at most 22 × 100 in");
        });
    }

    @Test
    void lowDpiAgainstThePrinterSaysSo() {
        var f = file("photo.jpg", new FileMetadata(FileKind.JPEG, 1500, 1500, 150, 150)); // 10 x 10 in
        var byPrinter = PrintCheck.check(List.of(f), DTF_22, null);
        assertThat(byPrinter.reasons()).singleElement().satisfies(r -> {
            assertThat(r.code()).isEqualTo("file.dpi-too-low");
            assertThat(r.message()).isEqualTo("file photo.jpg is 10.0 × 10.0 in at 150 dpi; at least 300 dpi is needed,"
                    + " the dpi of printer \"DTF 22\" (at 300 dpi it would print at 5.0 × 5.0 in)");
        });
    }

    @Test
    void theCanvasConfigsDpiIsTheMinimumInsteadOfThePrinters() {
        var f = file("photo.jpg", new FileMetadata(FileKind.JPEG, 3000, 3000, 200, 200)); // 15 x 15 in at 200
        // the printer asks 300: too low for it, but the canvas config asks only 150
        assertThat(PrintCheck.check(List.of(f), DTF_22, null).ok()).isFalse();
        assertThat(PrintCheck.check(List.of(f), DTF_22, canvas("Draft sheet", 150)).ok()).isTrue();
        // and a canvas config stricter than the printer fails a file the printer would take
        var printerLow = new PrintTarget("Old DTF", 22, 100, 100);
        assertThat(PrintCheck.check(List.of(f), printerLow, null).ok()).isTrue();
        assertThat(PrintCheck.check(List.of(f), printerLow, canvas("Gang sheet 22", 300)).reasons()).singleElement()
                .satisfies(r -> {
                    assertThat(r.code()).isEqualTo("file.dpi-too-low");
                    assertThat(r.message()).isEqualTo("file photo.jpg is 15.0 × 15.0 in at 200 dpi; at least 300 dpi is needed,"
                            + " the dpi of canvas config \"Gang sheet 22\" (at 300 dpi it would print at 10.0 × 10.0 in)");
                });
        // exactly the minimum passes
        assertThat(PrintCheck.check(List.of(f), printerLow, canvas("Exact", 200)).ok()).isTrue();
    }

    @Test
    void theEffectiveDpiIsTheLowerOfItsTwo() {
        var f = file("scan.png", new FileMetadata(FileKind.PNG, 3000, 1500, 300, 150)); // 10 x 10 in
        assertThat(PrintCheck.check(List.of(f), DTF_22, canvas("Gang", 200)).reasons()).singleElement()
                .satisfies(r -> assertThat(r.message()).startsWith(
                        "file scan.png is 10.0 × 10.0 in at 150 dpi (effective: the lower of 300 × 150 dpi); at least 200 dpi"));
        assertThat(PrintCheck.check(List.of(f), DTF_22, canvas("Gang", 150)).ok()).isTrue();
    }

    @Test
    void withoutAPrinterOnlyTheCanvasConfigsDpiIsChecked() {
        var huge = file("huge.png", new FileMetadata(FileKind.PNG, 30000, 30000, 300, 300)); // 100 x 100 in: fits no DTF 22
        var blurry = file("blurry.png", new FileMetadata(FileKind.PNG, 100, 100, 72, 72));
        var noDpi = file("nodpi.png", new FileMetadata(FileKind.PNG, 90000, 90000, null, null));
        var result = PrintCheck.check(List.of(huge, blurry, noDpi), null, canvas("Gang", 300));
        assertThat(result.reasons()).singleElement().satisfies(r -> {
            assertThat(r.fileId()).isEqualTo(blurry.id());
            assertThat(r.code()).isEqualTo("file.dpi-too-low");
            assertThat(r.message()).contains("at 72 dpi", "at least 300 dpi is needed, the dpi of canvas config \"Gang\"");
        });
    }

    @Test
    void aMinimumDpiMustBePositive() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> canvas("x", 0))
                .isInstanceOf(IllegalArgumentException.class).hasMessage("dpi must be > 0, was 0");
    }

    @Test
    void withoutDpiTheFileIsSizedAtTheMinimum() {
        var small = file("a.png", new FileMetadata(FileKind.PNG, 6000, 6000, null, null)); // 20 in at 300
        var big = file("b.png", new FileMetadata(FileKind.PNG, 9000, 9000, null, null));   // 30 in at 300
        var result = PrintCheck.check(List.of(small, big), DTF_22, null);
        assertThat(result.reasons()).singleElement().satisfies(r -> {
            assertThat(r.fileId()).isEqualTo(big.id());
            assertThat(r.message()).contains("b.png states no DPI", "at 300 dpi (the dpi of printer \"DTF 22\")",
                    "30.0 × 30.0 in", "22 × 100 in");
        });
        // sized at the canvas config's DPI when the job names one: 9000 px at 600 dpi make 15 in
        assertThat(PrintCheck.check(List.of(small, big), DTF_22, canvas("Fine", 600)).ok()).isTrue();
    }

    @Test
    void vectorFilesPass() {
        var pdf = file("art.pdf", FileMetadata.kindOnly(FileKind.PDF));
        assertThat(PrintCheck.check(List.of(pdf), new PrintTarget("tiny", 1, 1, 300), null).ok()).isTrue();
    }

    @Test
    void failureIsAConflictCarryingTheReasons() {
        var f = file("poster.png", new FileMetadata(FileKind.PNG, 3600, 5400, 150, 150));
        var e = PrintCheck.failure(PrintCheck.check(List.of(f), DTF_22, canvas("Gang", 100)));
        assertThat(e.code()).isEqualTo("print-job.print-check-failed");
        assertThat(e.data()).containsKey("reasons");
        assertThat(e.getMessage()).contains("24.0 × 36.0 in");
    }
}
