package dev.judge.core.problem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PackageSafetyTest {
    static final PackageCaps SMALL = new PackageCaps(1 << 20, 20, 200_000, 100_000, 50);

    static Pkg minimal() {
        return new Pkg().put("problem.yaml", "name: Tiny\n").put("data/secret/1.in", "1\n").put("data/secret/1.ans", "1\n");
    }

    private static void assertRefused(byte[] zip, PackageCaps caps, String file, String message) {
        assertThatThrownBy(() -> ProblemPackageReader.withCaps(caps).read(zip))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining(message)
                .satisfies(e -> assertThat(((PackageRejectedException) e).file()).isEqualTo(file));
    }

    @Test
    void aMinimalPackageFitsTheSmallCaps() {
        assertThat(ProblemPackageReader.withCaps(SMALL).read(minimal().zip()).definition().tests()).hasSize(1);
        assertThat(ProblemPackageReader.withCaps(SMALL).read(new java.io.ByteArrayInputStream(minimal().zip()))
                .definition().name()).isEqualTo("Tiny");
    }

    @Test
    void refusesTooManyEntriesTooLargeFilesAndTotals() {
        Pkg many = minimal();
        for (int i = 0; i < 30; i++) {
            many.put("data/secret/x" + i + ".in", "").put("data/secret/x" + i + ".ans", "");
        }
        assertRefused(many.zip(), SMALL, "", "more than 20 entries");
        byte[] random = new byte[150_000];
        new java.util.Random(1).nextBytes(random);
        assertRefused(minimal().put("data/secret/1.in", random).zip(), SMALL, "data/secret/1.in", "per file");
        byte[] half = Arrays.copyOf(random, 90_000);
        assertRefused(minimal().put("data/secret/1.in", half).put("data/secret/2.in", half).put("data/secret/2.ans", "")
                .put("data/secret/3.in", half).put("data/secret/3.ans", "").zip(), SMALL, "data/secret/3.in",
                "in total");
        assertRefused(minimal().zip(), new PackageCaps(100, 20, 200_000, 100_000, 50), "", "bytes, more than the cap");
    }

    @Test
    void refusesAZipBomb() {
        byte[] zeros = new byte[99_000];
        assertRefused(minimal().put("data/secret/1.in", zeros).zip(), SMALL, "data/secret/1.in", "zip bomb");
    }

    @Test
    void refusesUnsafeNamesAndLinks() throws IOException {
        for (String bad : new String[] {"../evil.in", "data/../../x", "/etc/passwd", "C:/x", "data\\x.in"}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (ZipOutputStream z = new ZipOutputStream(out)) {
                z.putNextEntry(new ZipEntry(bad));
                z.write(1);
                z.closeEntry();
            }
            assertThatThrownBy(() -> ProblemPackageReader.withDefaultCaps().read(out.toByteArray()))
                    .as(bad).isInstanceOf(PackageRejectedException.class);
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream z = new ZipArchiveOutputStream(out)) {
            ZipArchiveEntry link = new ZipArchiveEntry("data/secret/1.in");
            link.setUnixMode(0120777);
            z.putArchiveEntry(link);
            z.write("/etc/passwd".getBytes(StandardCharsets.UTF_8));
            z.closeArchiveEntry();
        }
        assertRefused(out.toByteArray(), PackageCaps.defaults(), "data/secret/1.in", "symbolic link");
        assertRefused("not a zip at all".getBytes(StandardCharsets.UTF_8), PackageCaps.defaults(), "", "zip");
    }

    @Test
    void refusesLinksInADirectory(@TempDir Path dir) throws IOException {
        minimal().writeTo(dir);
        Files.createSymbolicLink(dir.resolve("data/secret/2.in"), dir.resolve("data/secret/1.in"));
        assertThatThrownBy(() -> ProblemPackageReader.withDefaultCaps().read(dir))
                .isInstanceOf(PackageRejectedException.class).hasMessageContaining("symbolic link")
                .satisfies(e -> assertThat(((PackageRejectedException) e).file()).isEqualTo("data/secret/2.in"));
    }

    @Test
    void timeLimitFromTheSlowestAcceptedRunAsProblemtoolsComputesIt() {
        assertThat(TimeLimitPolicy.LEGACY.limitFor(Duration.ofMillis(300))).isEqualTo(Duration.ofSeconds(2));
        assertThat(TimeLimitPolicy.LEGACY.limitFor(Duration.ofMillis(100))).as("at least one step")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(TimeLimitPolicy.V2023_07.limitFor(Duration.ofMillis(1000))).isEqualTo(Duration.ofSeconds(2));
        assertThat(TimeLimitPolicy.LEGACY.limitFor(Duration.ofMillis(290))).as("1.45 s rounds half up to 1 s")
                .isEqualTo(Duration.ofSeconds(1));
        assertThat(new TimeLimitPolicy(2, 1.5, 0.25).limitFor(Duration.ofMillis(310)))
                .as("0.62 s is 2.48 steps of 0.25 s").isEqualTo(Duration.ofMillis(500));
        assertThat(TimeLimitPolicy.LEGACY.highLimitFor(Duration.ofMillis(300))).as("max(2 + 1, round(1.5 × 2))")
                .isEqualTo(Duration.ofSeconds(3));
        assertThat(TimeLimitPolicy.LEGACY.highLimitFor(Duration.ofMillis(900))).as("max(5, round(4.5 × 2))")
                .isEqualTo(Duration.ofSeconds(9));
        assertThat(TimeLimitPolicy.V2023_07.tooSlowFrom(Duration.ofSeconds(2))).isEqualTo(Duration.ofSeconds(3));
        assertThat(TimeLimitPolicy.V2023_07.leavesMargin(Duration.ofSeconds(2), Duration.ofMillis(2900))).isFalse();
        assertThat(TimeLimitPolicy.V2023_07.leavesMargin(Duration.ofSeconds(2), Duration.ofMillis(3000))).isTrue();
        assertThatThrownBy(() -> new TimeLimitPolicy(0.5, 1, 1)).isInstanceOf(IllegalArgumentException.class);
    }
}
