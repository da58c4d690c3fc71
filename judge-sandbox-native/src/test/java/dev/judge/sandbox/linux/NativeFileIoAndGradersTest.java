package dev.judge.sandbox.linux;

import dev.judge.core.pipeline.tck.FileIoAndGradersContract;
import dev.judge.core.sandbox.Sandbox;

/** File I/O, graders, support files and the Java entry point, judged on the native sandbox. */
class NativeFileIoAndGradersTest extends FileIoAndGradersContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.require();
    }
}
