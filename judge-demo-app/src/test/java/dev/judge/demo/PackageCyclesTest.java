package dev.judge.demo;

import dev.judge.core.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

/** The demo's packages depend on each other without a cycle. */
class PackageCyclesTest {

    @Test
    void packagesHaveNoCycle() {
        PackageCycles.assertNone(JudgeDemoApplication.class, "dev.judge.demo");
    }
}
