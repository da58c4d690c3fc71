package dev.judge.sandbox.linux;

import dev.judge.core.pipeline.tck.CheckerProtocolsContract;
import dev.judge.core.sandbox.Sandbox;

/** testlib checkers and Kattis output validators on the native sandbox. */
class NativeCheckerProtocolsTest extends CheckerProtocolsContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.require();
    }
}
