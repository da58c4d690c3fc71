package dev.judge.sandbox.docker;

import dev.judge.core.pipeline.tck.FileIoAndGradersContract;
import dev.judge.core.sandbox.Sandbox;

/** File I/O, graders, support files and the Java entry point, judged on the Docker sandbox. */
class DockerFileIoAndGradersTest extends FileIoAndGradersContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.create(2);
    }
}
