package dev.judge.sandbox.docker;

import dev.judge.core.testsupport.PackageCycles;
import org.junit.jupiter.api.Test;

class PackageCyclesTest {

    @Test
    void noPackageOfTheDockerSandboxDependsOnAnotherInACycle() {
        // the rule slices the packages below its root, and the module's classes sit in one package: rooted at
        // the parent, that package is a slice, and so is any package added under it
        PackageCycles.assertNone(DockerSandbox.class, "dev.judge.sandbox");
    }
}
