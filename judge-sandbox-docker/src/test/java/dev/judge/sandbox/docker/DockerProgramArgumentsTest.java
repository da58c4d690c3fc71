package dev.judge.sandbox.docker;

import dev.judge.core.pipeline.tck.ProgramArgumentsContract;
import dev.judge.core.sandbox.Sandbox;

/** Compiler options and program arguments on the Docker sandbox. */
class DockerProgramArgumentsTest extends ProgramArgumentsContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.create(2);
    }
}
