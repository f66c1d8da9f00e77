package io.pressroom.domain.file;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeFileNamesTest {

    private static String png(String raw) {
        return SafeFileNames.displayName(raw, FileKind.PNG);
    }

    @Test
    void pathsAreNeverKept() {
        assertThat(png("../../etc/passwd")).isEqualTo("passwd.png");
        assertThat(png("..\\..\\windows\\system32\\evil.png")).isEqualTo("evil.png");
        assertThat(png("/etc/shadow.png")).isEqualTo("shadow.png");
        assertThat(png("C:\\Users\\x\\art.png")).isEqualTo("art.png");
        assertThat(png("..")).isEqualTo("file.png");
        assertThat(png("../")).isEqualTo("file.png");
        assertThat(png("\uFF0E\uFF0E\uFF0Fsecret.png")).isEqualTo("secret.png"); // full-width dots and slash
        assertThat(png("a\u2215b\u2044c.png")).isEqualTo("c.png");               // division and fraction slashes
    }

    @Test
    void controlAndInvisibleCharactersGo() {
        assertThat(png("inno\u0000cent.png")).isEqualTo("innocent.png");
        assertThat(png("a\r\nContent-Type: text/html.png")).isEqualTo("html.png");
        assertThat(png("zero\u200Bwidth\uFEFF.png")).isEqualTo("zerowidth.png");
        // right-to-left override: "evil\u202Egnp.exe" shows as "evilexe.png"
        assertThat(png("evil\u202Egnp.exe")).isEqualTo("evilgnp.png");
        assertThat(png("x\u2066y\u2069.png")).isEqualTo("xy.png");
    }

    @Test
    void extensionsFollowTheDetectedKind() {
        assertThat(png("photo.png")).isEqualTo("photo.png");
        assertThat(png("Photo.PNG")).isEqualTo("Photo.png");
        assertThat(png("report.pdf")).isEqualTo("report.png");
        assertThat(png("photo.png.exe")).isEqualTo("photo.png");
        assertThat(png("shell.php.png")).isEqualTo("shell_php.png");
        assertThat(png("x.html.js.png")).isEqualTo("x_html_js.png");
        assertThat(png("noextension")).isEqualTo("noextension.png");
        assertThat(SafeFileNames.displayName("scan.jpeg", FileKind.JPEG)).isEqualTo("scan.jpeg");
        assertThat(SafeFileNames.displayName("scan.tif", FileKind.TIFF)).isEqualTo("scan.tif");
        assertThat(png("v1.2 final.png")).isEqualTo("v1.2 final.png");
    }

    @Test
    void emptyHiddenAndReservedNames() {
        assertThat(png(null)).isEqualTo("file.png");
        assertThat(png("")).isEqualTo("file.png");
        assertThat(png("   ")).isEqualTo("file.png");
        assertThat(png(".htaccess")).isEqualTo("_htaccess.png");
        assertThat(png("...png")).isEqualTo("file.png");
        assertThat(png("CON.png")).isEqualTo("_CON.png");
        assertThat(png("-rf.png")).isEqualTo("rf.png");
        assertThat(png("a<b>c:d\"e|f?g*.png")).isEqualTo("a_b_c_d_e_f_g_.png");
    }

    @Test
    void longNamesAreCappedKeepingTheExtension() {
        String name = png("a".repeat(1000) + ".png");
        assertThat(name).endsWith(".png").hasSizeLessThanOrEqualTo(SafeFileNames.MAX_LENGTH);
        String wide = png("日本".repeat(500) + ".png");
        assertThat(wide).endsWith(".png");
        assertThat(wide.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
    }

    @Test
    void homoglyphsAreFoldedOrKeptHarmless() {
        assertThat(png("ｐｈｏｔｏ.ｐｎｇ")).isEqualTo("photo.png"); // full-width letters fold
        assertThat(png("\u0440aypal.png")).isEqualTo("\u0440aypal.png"); // Cyrillic letters are letters: harmless in a display name
    }

    @Test
    void theHostileCorpusAlwaysGivesASafeName() {
        List<String> corpus = List.of("../", "/", "\\", "\u0000", "../../../../../../etc/passwd%00.png", "file.png\u0000.exe",
                "a".repeat(1000), "\u202E", "\uD800", "con", ".", "....//....//", "%2e%2e%2fetc", "$(rm -rf /).png",
                "<script>alert(1)</script>.svg", "name\twith\ttabs.png", "\u2028\u2029.png", "😀".repeat(300));
        for (String raw : corpus) {
            String safe = png(raw);
            assertThat(safe).as(raw).isNotBlank().doesNotContain("/", "\\", "\u0000", "..", "<", ">", "$", "%")
                    .endsWith(".png").doesNotStartWith(".");
            assertThat(safe.codePoints().noneMatch(cp -> Character.getType(cp) == Character.CONTROL
                    || Character.getType(cp) == Character.FORMAT)).as(raw).isTrue();
            assertThat(safe.getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(255);
        }
    }
}
