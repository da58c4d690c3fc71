package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.autoconfigure.JudgeBuilderCustomizer;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.JudgeCaps;
import dev.judge.core.model.Limits;
import dev.judge.core.testsupport.RequiredParts;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.util.unit.DataSize;

/**
 * The server's caps on problems and sources must not pass the caps the judge enforces; each conflict names both
 * sides, and the judge's caps are read from the judge itself, so a customizer of its builder counts.
 */
class CapsAgreementTest {
    private static final JudgeCaps JUDGE = new JudgeCaps(ByteSize.ofKiB(64), 512, ByteSize.ofMiB(256),
            ByteSize.ofMiB(64), Limits.defaults());

    private static DemoProperties.Caps demo(int maxTests, DataSize testData, DataSize source) {
        return new DemoProperties.Caps(DataSize.ofMegabytes(16), DataSize.ofMegabytes(64), testData,
                DataSize.ofMegabytes(64), 10_000, 1000, maxTests, source, DataSize.ofMegabytes(1), 20);
    }

    @Test
    void capsUpToTheJudgesAgree() {
        assertThat(CapsAgreement.conflicts(demo(512, DataSize.ofMegabytes(256), DataSize.ofKilobytes(64)), JUDGE))
                .isEmpty();
        assertThat(CapsAgreement.conflicts(demo(20, DataSize.ofMegabytes(1), DataSize.ofKilobytes(8)), JUDGE))
                .isEmpty();
    }

    @Test
    void eachCapPastTheJudgesIsNamed() {
        assertThat(CapsAgreement.conflicts(demo(1000, DataSize.ofMegabytes(257), DataSize.ofKilobytes(65)), JUDGE))
                .containsExactly(
                        "judge.demo.caps.max-tests (1000) is more than the judge's most tests per submission"
                                + " (judge.caps.max-tests, 512)",
                        "judge.demo.caps.max-test-data (269484032 bytes) is more than the judge's most test data per"
                                + " submission (judge.caps.max-test-data-size, 268435456 bytes)",
                        "judge.demo.caps.max-source-size (66560 bytes) is more than the judge's largest source"
                                + " (judge.caps.max-source-size, 65536 bytes)");
    }

    /** The judge's builder lowered in code, not in {@code judge.caps}: the server's default caps now pass it. */
    @Test
    void theStartFailsWhenACustomizedJudgeTakesFewerTestsThanAProblemMayHold(@TempDir Path dir) throws Exception {
        RequiredParts.require(RequiredParts.isRoot(), "root, for the native sandbox the server starts");
        Files.createDirectories(dir);
        JudgeBuilderCustomizer fewerTests = b -> b.maxTests(100);
        SpringApplicationBuilder server = new SpringApplicationBuilder(JudgeDemoApplication.class)
                .initializers(c -> c.getBeanFactory().registerSingleton("fewerTests", fewerTests));
        assertThatThrownBy(() -> server.run("--server.port=0", "--judge.worker.enabled=false",
                "--judge.demo.data-dir=" + dir, "--judge.demo.admin-password=caps-agreement-test",
                "--judge.demo.rate-limit.enabled=false").close())
                .rootCause().isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("judge.demo.caps.max-tests (512) is more than the judge's most tests per"
                        + " submission (judge.caps.max-tests, 100)");
    }
}
