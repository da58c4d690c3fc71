package dev.judge.core;

import dev.judge.core.judge.Judge;
import dev.judge.core.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

/** The packages of the core read as the flow (judge → worker → pipeline → sandbox, compare) and never loop. */
class PackageCyclesTest {

    @Test
    void corePackagesHaveNoCycle() {
        PackageCycles.assertNone(Judge.class, "dev.judge.core");
    }
}
