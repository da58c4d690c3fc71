package dev.judge;

import dev.judge.core.testsupport.PackageCycles;
import dev.judge.jdbc.JdbcJudgeStorage;
import org.junit.jupiter.api.Test;

/** The starter's main packages (auto-configuration, adapters, their shared internals) depend on each other without a cycle. */
class PackageCyclesTest {

    @Test
    void theStartersPackagesHaveNoCycle() {
        PackageCycles.assertNone(JdbcJudgeStorage.class, "dev.judge");
    }
}
