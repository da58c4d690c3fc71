package dev.judge.demo.problem.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.TestCase;
import dev.judge.demo.support.Zips;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.http.HttpStatus;

/** Each guard of the archive reader on its own, with caps chosen so only that guard can trip. */
class TestArchiveReaderTest {
    private static final ArchiveCaps ROOMY = new ArchiveCaps(100, 50, 8 << 20, 4 << 20, 1000);

    @TempDir
    Path dir;

    private List<TestCase> read(ArchiveCaps caps, byte[] zip, boolean hidden) throws IOException {
        Path file = Files.write(dir.resolve("t.zip"), zip);
        return new TestArchiveReader(caps).read(file, hidden);
    }

    private ArchiveRejectedException refused(ArchiveCaps caps, byte[] zip) {
        Throwable t = org.assertj.core.api.Assertions.catchThrowable(() -> read(caps, zip, true));
        assertThat(t).isInstanceOf(ArchiveRejectedException.class);
        return (ArchiveRejectedException) t;
    }

    @Test
    void flatLayoutInNaturalOrderWithGroups() throws IOException {
        List<TestCase> tests = read(ROOMY, Zips.create()
                .file("10.in", "a").file("10.out", "A")
                .file("9.in", "b").file("9.ans", "B")
                .file("sub/1.in", "c").file("sub/1.out", "C")
                .file("__MACOSX/._9.in", "junk").file("notes.txt", "ignored").bytes(), false);
        assertThat(tests).extracting(TestCase::id).containsExactly("9", "10", "sub-1");
        assertThat(tests.get(2).group()).isEqualTo("sub");
        assertThat(tests).allMatch(t -> !t.hidden() && t.weight() == 1.0);
        assertThat(new String(tests.get(0).expectedOutput(), StandardCharsets.UTF_8)).isEqualTo("B");
    }

    @Test
    void aZippedFolderIsLookedThrough() throws IOException {
        List<TestCase> tests = read(ROOMY, Zips.create().file("tests/1.in", "x").file("tests/1.out", "y").bytes(), true);
        assertThat(tests).extracting(TestCase::id).containsExactly("1");
        assertThat(tests.get(0).group()).isNull();
        assertThat(tests.get(0).hidden()).isTrue();
    }

    @Test
    void kattisLayoutMarksSamplesPublicAndSecretsHidden() throws IOException {
        List<TestCase> tests = read(ROOMY, Zips.create()
                .file("data/sample/01.in", "s").file("data/sample/01.ans", "S")
                .file("data/secret/group2/5.in", "g").file("data/secret/group2/5.ans", "G")
                .file("data/secret/7.in", "h").file("data/secret/7.ans", "H")
                .file("data/secret/testdata.yaml", "ignored").file("problem.yaml", "ignored").bytes(), false);
        assertThat(tests).extracting(TestCase::id).containsExactly("sample-01", "secret-7", "secret-group2-5");
        assertThat(tests).extracting(TestCase::hidden).containsExactly(false, true, true);
        assertThat(tests).extracting(TestCase::group).containsExactly(null, null, "group2");
    }

    @Test
    void namesThatLeaveTheDirectoryAreRefused() {
        for (String name : List.of("../x.in", "a/../../x.in", "/abs.in", "c:/x.in", "a\\b.in", "./x.in", "a/\u0001.in")) {
            ArchiveRejectedException e = refused(ROOMY, Zips.create().file(name, "1").bytes());
            assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        }
    }

    @Test
    void symlinksAreRefusedEvenWhenNotTestFiles() {
        assertThat(refused(ROOMY, Zips.create().file("1.in", "1").file("1.out", "1").symlink("link", "/etc").bytes())
                .getMessage()).contains("symbolic link");
    }

    @Test
    void entryCountIsCapped() throws IOException {
        Zips zips = Zips.create().file("1.in", "1").file("1.out", "1");
        for (int i = 0; i < 3; i++) {
            zips.file("n" + i + ".txt", "");
        }
        ArchiveCaps four = new ArchiveCaps(4, 50, 1 << 20, 1 << 20, 1000);
        assertThat(refused(four, zips.bytes()).getMessage()).contains("more than 4 entries");
        assertThat(read(new ArchiveCaps(5, 50, 1 << 20, 1 << 20, 1000), zips.bytes(), true)).hasSize(1);
    }

    @Test
    void testCountIsCapped() {
        Zips zips = Zips.create();
        for (int i = 0; i < 4; i++) {
            zips.file(i + ".in", "").file(i + ".out", "");
        }
        assertThat(refused(new ArchiveCaps(100, 3, 1 << 20, 1 << 20, 1000), zips.bytes()).getMessage())
                .contains("4 tests");
    }

    @Test
    void compressionRatioIsCappedWhileInflating() throws IOException {
        byte[] bomb = Zips.bomb(2 << 20);
        ArchiveRejectedException e = refused(new ArchiveCaps(100, 50, 64 << 20, 64 << 20, 100), bomb);
        assertThat(e.status()).isEqualTo(HttpStatus.UNPROCESSABLE_ENTITY);
        assertThat(e.getMessage()).contains("inflates more than 100 times");
        assertThat(read(new ArchiveCaps(100, 50, 64 << 20, 64 << 20, 2000), bomb, true)).hasSize(1);
    }

    @Test
    void fileAndTotalSizesAreCappedWhileInflating() throws IOException {
        byte[] noise = new byte[300 * 1024];
        new Random(1).nextBytes(noise);
        byte[] zip = Zips.create().stored().file("1.in", noise).file("1.out", "x").file("2.in", noise)
                .file("2.out", "x").bytes();
        ArchiveRejectedException perFile = refused(new ArchiveCaps(100, 50, 1 << 20, 200 * 1024, 1000), zip);
        assertThat(perFile.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(perFile.getMessage()).contains("per file");
        ArchiveRejectedException total = refused(new ArchiveCaps(100, 50, 500 * 1024, 400 * 1024, 1000), zip);
        assertThat(total.status()).isEqualTo(HttpStatus.PAYLOAD_TOO_LARGE);
        assertThat(total.getMessage()).contains("in total");
        assertThat(read(new ArchiveCaps(100, 50, 700 * 1024, 400 * 1024, 1000), zip, true)).hasSize(2);
    }

    @Test
    void incompleteOrAmbiguousPairsAreRefused() {
        assertThat(refused(ROOMY, Zips.create().file("1.in", "").bytes()).getMessage()).contains("no .out or .ans");
        assertThat(refused(ROOMY, Zips.create().file("1.ans", "").bytes()).getMessage()).contains("no .in");
        assertThat(refused(ROOMY, Zips.create().file("1.in", "").file("1.out", "").file("1.ans", "").bytes())
                .getMessage()).contains("second answer");
        assertThat(refused(ROOMY, Zips.create().file("a/b/c/1.in", "").file("x.txt", "").bytes()).getMessage())
                .contains("too deep");
        assertThat(refused(ROOMY, "PK\u0003\u0004 broken".getBytes(StandardCharsets.ISO_8859_1)).getMessage())
                .contains("not a readable zip");
    }

    @Test
    void naturalOrderComparesDigitRunsAsNumbers() {
        assertThat(TestArchiveReader.naturalOrder("2", "10")).isNegative();
        assertThat(TestArchiveReader.naturalOrder("a9b", "a10a")).isNegative();
        assertThat(TestArchiveReader.naturalOrder("01", "1")).isNotZero();
        assertThat(TestArchiveReader.naturalOrder("x", "x")).isZero();
        assertThatThrownBy(() -> TestArchiveReader.checkName("..")).isInstanceOf(ArchiveRejectedException.class);
    }
}
