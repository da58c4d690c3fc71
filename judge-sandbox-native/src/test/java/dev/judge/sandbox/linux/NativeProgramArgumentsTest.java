package dev.judge.sandbox.linux;

import dev.judge.core.pipeline.tck.ProgramArgumentsContract;
import dev.judge.core.sandbox.Sandbox;

/** Compiler options and program arguments on the native sandbox. */
class NativeProgramArgumentsTest extends ProgramArgumentsContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.require();
    }
}
