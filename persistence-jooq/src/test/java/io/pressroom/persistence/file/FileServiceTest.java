package io.pressroom.persistence.file;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pressroom.Pressroom;
import io.pressroom.domain.file.FileKind;
import io.pressroom.domain.file.FileMetadata;
import io.pressroom.domain.file.FileService;
import io.pressroom.domain.file.PrintTarget;
import io.pressroom.domain.file.TestImages;
import io.pressroom.domain.file.UploadFile;
import io.pressroom.domain.shared.Caller;
import io.pressroom.domain.shared.DomainException;
import io.pressroom.domain.shared.PageRequest;
import io.pressroom.domain.shared.Role;
import io.pressroom.domain.shared.Transactions;
import io.pressroom.persistence.audit.JooqAuditLog;
import io.pressroom.storage.nas.NasFileStore;
import io.pressroom.testing.TestPostgres;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class FileServiceTest {
    private static final long LIMIT = 5_000_000;

    @TempDir
    Path dir;

    private TestPostgres.Db db;
    private NasFileStore store;
    private Pressroom pressroom;
    private Caller alice;
    private Caller bob;
    private UUID orgA;
    private UUID orgB;

    @AfterEach
    void closePressroom() {
        pressroom.close();
    }

    @BeforeEach
    void setUp() {
        db = TestPostgres.newDatabase();
        store = new NasFileStore(dir.resolve("nas"));
        pressroom = Pressroom.builder().dataSource(db.dataSource()).fileStore(store).maxUploadBytes(LIMIT).build();
        alice = member("alice");
        orgA = alice.organizationId();
        bob = member("bob");
        orgB = bob.organizationId();
    }

    private Caller member(String name) {
        UUID user = UUID.randomUUID();
        UUID org = UUID.randomUUID();
        db.exec("INSERT INTO users (id, email, password_hash, name) VALUES ('" + user + "', '" + name + "@example.com', 'x', '" + name + "');"
                + "INSERT INTO organizations (id, name) VALUES ('" + org + "', '" + name + " prints');"
                + "INSERT INTO organization_members (organization_id, user_id, role) VALUES ('" + org + "', '" + user + "', 'member')");
        return Caller.user(user, false, "127.0.0.1", "test").inOrganization(org, Role.MEMBER);
    }

    private FileService files() {
        return pressroom.files();
    }

    private static UploadFile.Upload upload(String name, byte[] bytes) {
        return new UploadFile.Upload(name, "image/png", bytes.length, new ByteArrayInputStream(bytes));
    }

    private long count(String sql) {
        try (Connection c = db.dataSource().getConnection(); Statement st = c.createStatement(); ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private long storedFiles() {
        try (Stream<Path> walk = Files.walk(store.root())) {
            return walk.filter(Files::isRegularFile).count();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private void assertNothingLeftBehind() {
        assertThat(count("SELECT count(*) FROM files")).as("rows").isZero();
        assertThat(storedFiles()).as("files in the store, staging included").isZero();
    }

    private static String sha256(byte[] b) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(b));
    }

    @Test
    void uploadRoundTripsByteForByteWithHashAndMetadata() throws Exception {
        byte[] png = TestImages.png(7200, 10800, 300);
        var result = files().upload(alice, upload("../../etc/poster.png", png));
        assertThat(result.created()).isTrue();
        var f = result.file();
        assertThat(f.sha256()).isEqualTo(sha256(png));
        assertThat(f.size()).isEqualTo(png.length);
        assertThat(f.mimeType()).isEqualTo("image/png");
        assertThat(f.originalFilename()).isEqualTo("poster.png");
        assertThat(f.storageKey()).startsWith(orgA + "/" + f.sha256().substring(0, 2) + "/").doesNotContain("poster");
        assertThat(f.metadata()).isEqualTo(new FileMetadata(FileKind.PNG, 7200, 10800, 300, 300));
        assertThat(f.metadata().toMap()).containsEntry("widthInches", 24.0).containsEntry("heightInches", 36.0);
        assertThat(f.createdAt()).isNotNull();
        try (var content = files().open(alice, f.id(), 0, -1).stream()) {
            assertThat(content.readAllBytes()).isEqualTo(png);
        }
        try (var content = files().open(alice, f.id(), 1, 3).stream()) {
            assertThat(content.readAllBytes()).containsExactly('P', 'N', 'G');
        }
        assertThat(store.root().resolve(f.storageKey())).hasBinaryContent(png);
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'file.uploaded' AND entity_id = '" + f.id() + "'")).isEqualTo(1);
    }

    @Test
    void theSameBytesTwiceAreOneFilePerOrganization() {
        byte[] jpeg = TestImages.jpeg(300, 200, 150);
        var first = files().upload(alice, upload("a.jpg", jpeg));
        var again = files().upload(alice, upload("b.jpg", jpeg));
        assertThat(again.created()).isFalse();
        assertThat(again.file().id()).isEqualTo(first.file().id());
        var other = files().upload(bob, upload("c.jpg", jpeg));
        assertThat(other.created()).isTrue();
        assertThat(other.file().id()).isNotEqualTo(first.file().id());
        assertThat(count("SELECT count(*) FROM files")).isEqualTo(2);
        assertThat(storedFiles()).isEqualTo(2);
    }

    @Test
    void aSpoofedTypeIsNotBelievedAndLeavesNothing() {
        byte[] html = "<html><body><script>alert(document.cookie)</script></body></html>".getBytes();
        assertThatThrownBy(() -> files().upload(alice, new UploadFile.Upload("cat.png", "image/png", html.length,
                new ByteArrayInputStream(html))))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.code()).isEqualTo("file.unsupported-type"));
        assertNothingLeftBehind();
        // a real JPEG declared as a PDF and named .pdf is stored as what it is
        byte[] jpeg = TestImages.jpeg(10, 10, 72);
        var f = files().upload(alice, new UploadFile.Upload("invoice.pdf", "application/pdf", jpeg.length,
                new ByteArrayInputStream(jpeg))).file();
        assertThat(f.mimeType()).isEqualTo("image/jpeg");
        assertThat(f.originalFilename()).isEqualTo("invoice.jpg");
    }

    @Test
    void aDeclaredSizeOverTheLimitIsRefusedBeforeReadingAByte() {
        InputStream untouchable = new InputStream() {
            @Override
            public int read() {
                throw new AssertionError("read before the size check");
            }
        };
        assertThatThrownBy(() -> files().upload(alice, new UploadFile.Upload("big.png", null, LIMIT + 1, untouchable)))
                .isInstanceOfSatisfying(DomainException.PayloadTooLarge.class, e -> assertThat(e.data()).containsEntry("limitBytes", LIMIT));
        assertNothingLeftBehind();
    }

    @Test
    void anUndeclaredStreamOverTheLimitStopsAtTheLimitAndLeavesNothing() {
        byte[] png = TestImages.png(10, 10, 300);
        InputStream endless = new java.io.SequenceInputStream(new ByteArrayInputStream(png), new InputStream() {
            long served;

            @Override
            public int read() {
                served++;
                if (served > LIMIT * 3) {
                    throw new AssertionError("kept reading long past the limit");
                }
                return 0;
            }
        });
        assertThatThrownBy(() -> files().upload(alice, new UploadFile.Upload("big.png", null, -1, endless)))
                .isInstanceOf(DomainException.PayloadTooLarge.class);
        assertNothingLeftBehind();
    }

    @Test
    void anUploadCutOffMidStreamLeavesNothing() {
        byte[] png = TestImages.png(400, 400, 300);
        InputStream cut = new InputStream() {
            int at;

            @Override
            public int read() throws IOException {
                if (at >= png.length / 2) {
                    throw new IOException("Early EOF: the client went away");
                }
                return png[at++] & 0xFF;
            }
        };
        assertThatThrownBy(() -> files().upload(alice, new UploadFile.Upload("x.png", null, png.length, cut)))
                .hasMessageContaining("Early EOF");
        assertNothingLeftBehind();
        // a body shorter than announced (the connection closed cleanly) is not a file either
        byte[] half = java.util.Arrays.copyOf(png, png.length / 2);
        assertThatThrownBy(() -> files().upload(alice, new UploadFile.Upload("x.png", null, png.length, new ByteArrayInputStream(half))))
                .isInstanceOfSatisfying(DomainException.Invalid.class, e -> assertThat(e.code()).isEqualTo("file.incomplete"));
        assertNothingLeftBehind();
    }

    @Test
    void aFailedCommitAfterTheBytesWerePromotedLeavesNeitherRowNorBytes() {
        var cfg = new org.jooq.impl.DefaultConfiguration();
        cfg.set(org.jooq.SQLDialect.POSTGRES);
        cfg.set(new org.jooq.impl.ThreadLocalTransactionProvider(new org.jooq.impl.DataSourceConnectionProvider(db.dataSource())));
        var dsl = org.jooq.impl.DSL.using(cfg);
        Transactions real = new io.pressroom.persistence.JooqTransactions(dsl);
        Transactions failingCommit = new Transactions() {
            @Override
            public <T> T inTransaction(io.pressroom.domain.shared.TenantScope scope, java.util.function.Supplier<T> work) {
                return real.inTransaction(scope, () -> {
                    work.get();
                    throw new IllegalStateException("connection lost at commit");
                });
            }
        };
        var service = new FileService(failingCommit, new JooqFileRepository(dsl), store, new JooqAuditLog(dsl), LIMIT);
        assertThatThrownBy(() -> service.upload(alice, upload("a.png", TestImages.png(20, 20, 300))))
                .hasMessageContaining("connection lost");
        assertNothingLeftBehind();
        assertThat(count("SELECT count(*) FROM events")).isZero();
    }

    @Test
    void anotherOrganizationsFileIsInvisibleAndUnusableInAJob() {
        var f = files().upload(alice, upload("a.png", TestImages.png(30, 30, 300))).file();
        assertThatThrownBy(() -> files().get(bob, f.id())).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> files().open(bob, f.id(), 0, -1)).isInstanceOf(DomainException.NotFound.class);
        assertThatThrownBy(() -> files().delete(bob, f.id())).isInstanceOf(DomainException.NotFound.class);
        assertThat(files().list(bob, PageRequest.first()).items()).isEmpty();
        // the print check of bob's organization does not see it
        var check = pressroom.printCheck().check(bob, List.of(f.id()), new PrintTarget("P", 22, 100, 300), null);
        assertThat(check.reasons()).singleElement().satisfies(r -> assertThat(r.code()).isEqualTo("file.not-found"));
        // and the database refuses a job of bob's organization naming it
        assertThatThrownBy(() -> db.exec("INSERT INTO print_jobs (organization_id, created_by_user_id, job_name, file_ids) VALUES ('"
                + orgB + "', '" + bob.userId() + "', 'steal', ARRAY['" + f.id() + "']::uuid[])"))
                .hasMessageContaining("is not a file of organization");
        assertThat(files().get(alice, f.id()).id()).isEqualTo(f.id());
    }

    @Test
    void deleteIsRefusedWhileAnUnfinishedJobUsesTheFile() {
        var f = files().upload(alice, upload("a.png", TestImages.png(30, 30, 300))).file();
        UUID job = UUID.randomUUID();
        db.exec("INSERT INTO print_jobs (id, organization_id, created_by_user_id, job_name, file_ids) VALUES ('" + job + "', '"
                + orgA + "', '" + alice.userId() + "', 'j', ARRAY['" + f.id() + "']::uuid[])");
        assertThatThrownBy(() -> files().delete(alice, f.id()))
                .isInstanceOfSatisfying(DomainException.Conflict.class, e -> assertThat(e.code()).isEqualTo("file.in-use"));
        assertThat(store.root().resolve(f.storageKey())).exists();
        db.exec("UPDATE print_jobs SET status = 'completed' WHERE id = '" + job + "'");
        files().delete(alice, f.id());
        assertThat(store.root().resolve(f.storageKey())).doesNotExist();
        assertThat(count("SELECT count(*) FROM files")).isZero();
        assertThat(count("SELECT count(*) FROM events WHERE event_type = 'file.deleted'")).isEqualTo(1);
        assertThatThrownBy(() -> files().get(alice, f.id())).isInstanceOf(DomainException.NotFound.class);
    }

    @Test
    void listingIsNewestFirstWithACursor() {
        for (int i = 1; i <= 3; i++) {
            files().upload(alice, upload("f" + i + ".png", TestImages.png(i, i, 300)));
        }
        var first = files().list(alice, new PageRequest(2, null));
        assertThat(first.items()).hasSize(2);
        assertThat(first.nextCursor()).isNotNull();
        var second = files().list(alice, new PageRequest(2, first.nextCursor()));
        assertThat(second.items()).hasSize(1);
        assertThat(second.nextCursor()).isNull();
        assertThat(Stream.concat(first.items().stream(), second.items().stream()).map(f -> f.originalFilename()))
                .containsExactlyInAnyOrder("f1.png", "f2.png", "f3.png");
        assertThatThrownBy(() -> files().list(alice, new PageRequest(2, "garbage"))).isInstanceOf(DomainException.Invalid.class);
    }

    @Test
    void orphanBytesAreSweptAndKnownOnesKept() throws Exception {
        var kept = files().upload(alice, upload("a.png", TestImages.png(5, 5, 300))).file();
        Path orphan = store.root().resolve(orgA + "/ab/cd/" + "ab".repeat(32) + "_" + UUID.randomUUID());
        Files.createDirectories(orphan.getParent());
        Files.write(orphan, new byte[] {1, 2, 3});
        Instant later = Instant.now().plus(Duration.ofHours(2));
        Files.setLastModifiedTime(store.root().resolve(kept.storageKey()), FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        Files.setLastModifiedTime(orphan, FileTime.from(Instant.now().minus(Duration.ofDays(1))));
        var removed = files().sweepOrphans(orgA, Duration.ofHours(1), later);
        assertThat(removed).hasSize(1);
        assertThat(orphan).doesNotExist();
        assertThat(store.root().resolve(kept.storageKey())).exists();
    }

    /** A crash's leftovers in the store, one day old: a staged upload and each organization's bytes without a row. */
    private record Leftovers(Path staged, Path orphanA, Path orphanB, Path fresh, Path kept) {}

    private Leftovers plantLeftovers() throws Exception {
        var kept = files().upload(alice, upload("a.png", TestImages.png(5, 5, 300))).file();
        Instant old = Instant.now().minus(Duration.ofDays(1));
        Path staged = store.root().resolve(".staging/" + UUID.randomUUID() + ".part");
        Files.write(staged, new byte[] {9});
        Path orphanA = store.root().resolve(orgA + "/ab/cd/" + "ab".repeat(32) + "_" + UUID.randomUUID());
        Path orphanB = store.root().resolve(orgB + "/cd/ef/" + "cd".repeat(32) + "_" + UUID.randomUUID());
        Path fresh = store.root().resolve(orgB + "/ef/01/" + "ef".repeat(32) + "_" + UUID.randomUUID());
        for (Path p : List.of(orphanA, orphanB, fresh)) {
            Files.createDirectories(p.getParent());
            Files.write(p, new byte[] {1, 2, 3});
        }
        Path keptPath = store.root().resolve(kept.storageKey());
        for (Path p : List.of(staged, orphanA, orphanB, keptPath)) {
            Files.setLastModifiedTime(p, FileTime.from(old));
        }
        // not an organization's folder: never Pressroom's to remove
        Files.createDirectories(store.root().resolve("lost+found"));
        Files.write(store.root().resolve("lost+found/x"), new byte[] {1});
        Files.setLastModifiedTime(store.root().resolve("lost+found/x"), FileTime.from(old));
        return new Leftovers(staged, orphanA, orphanB, fresh, keptPath);
    }

    @Test
    void sweepAllRemovesEveryOrganizationsOldLeftoversAndKeepsTheRest() throws Exception {
        Leftovers l = plantLeftovers();
        var result = files().sweepAll(Duration.ofHours(1), Instant.now());
        assertThat(result).isEqualTo(new FileService.SweepResult(1, 2));
        assertThat(l.staged()).doesNotExist();
        assertThat(l.orphanA()).doesNotExist();
        assertThat(l.orphanB()).doesNotExist();
        assertThat(l.fresh()).as("younger than the minimum age: maybe an upload committing now").exists();
        assertThat(l.kept()).as("a row points to it").exists();
        assertThat(store.root().resolve("lost+found/x")).exists();
        assertThat(files().sweepAll(Duration.ofHours(1), Instant.now())).isEqualTo(new FileService.SweepResult(0, 0));
    }

    @Test
    void theServerSweepsInTheBackgroundAtItsInterval() throws Exception {
        Leftovers l = plantLeftovers();
        var settings = new io.pressroom.domain.file.FileSweepSettings(Duration.ofMillis(200), Duration.ofHours(1));
        try (Pressroom swept = Pressroom.builder().dataSource(db.dataSource()).fileStore(store).fileSweep(settings).build()) {
            long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
            while ((Files.exists(l.staged()) || Files.exists(l.orphanA()) || Files.exists(l.orphanB()))
                    && System.nanoTime() < deadline) {
                Thread.sleep(50);
            }
            assertThat(l.staged()).doesNotExist();
            assertThat(l.orphanA()).doesNotExist();
            assertThat(l.orphanB()).doesNotExist();
            assertThat(l.fresh()).exists();
            assertThat(l.kept()).exists();
        }
        assertThat(count("SELECT count(*) FROM files")).isEqualTo(1);
    }

    @Test
    void sweepSettingsComeFromTheEnvironment() {
        var defaults = io.pressroom.domain.file.FileSweepSettings.fromEnvironment(java.util.Map.of());
        assertThat(defaults).isEqualTo(io.pressroom.domain.file.FileSweepSettings.defaults());
        assertThat(defaults.interval()).isEqualTo(Duration.ofHours(1));
        var set = io.pressroom.domain.file.FileSweepSettings.fromEnvironment(java.util.Map.of(
                "PRESSROOM_FILE_SWEEP_SECONDS", "600", "PRESSROOM_FILE_SWEEP_MIN_AGE_SECONDS", "7200"));
        assertThat(set.interval()).isEqualTo(Duration.ofMinutes(10));
        assertThat(set.minAge()).isEqualTo(Duration.ofHours(2));
        assertThat(io.pressroom.domain.file.FileSweepSettings.fromEnvironment(java.util.Map.of("PRESSROOM_FILE_SWEEP_SECONDS", "0"))
                .enabled()).isFalse();
        assertThatThrownBy(() -> io.pressroom.domain.file.FileSweepSettings.fromEnvironment(
                java.util.Map.of("PRESSROOM_FILE_SWEEP_MIN_AGE_SECONDS", "5")))
                .hasMessageContaining("PRESSROOM_FILE_SWEEP_MIN_AGE_SECONDS");
        assertThatThrownBy(() -> io.pressroom.domain.file.FileSweepSettings.fromEnvironment(
                java.util.Map.of("PRESSROOM_FILE_SWEEP_SECONDS", "soon")))
                .hasMessageContaining("PRESSROOM_FILE_SWEEP_SECONDS");
    }
}
