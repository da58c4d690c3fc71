package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.autoconfigure.JudgeProperties;
import org.junit.jupiter.api.Test;
import org.springframework.util.unit.DataSize;

/** The server's caps on problems and sources must not pass the judge's; each conflict names both properties. */
class CapsAgreementTest {
    private static final JudgeProperties.Caps JUDGE = new JudgeProperties.Caps(DataSize.ofKilobytes(64), 512,
            DataSize.ofMegabytes(256));

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
                        "judge.demo.caps.max-tests (1000) is more than judge.caps.max-tests (512)",
                        "judge.demo.caps.max-test-data (269484032 bytes) is more than judge.caps.max-test-data-size"
                                + " (268435456 bytes)",
                        "judge.demo.caps.max-source-size (66560 bytes) is more than judge.caps.max-source-size"
                                + " (65536 bytes)");
    }
}
