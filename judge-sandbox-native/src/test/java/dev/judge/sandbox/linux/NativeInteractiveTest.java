package dev.judge.sandbox.linux;

import dev.judge.core.pipeline.tck.InteractiveContract;
import dev.judge.core.sandbox.Sandbox;

/** Interactive problems (Kattis and testlib interactors, the verdict rules, multi-pass) on the native sandbox. */
class NativeInteractiveTest extends InteractiveContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.require();
    }
}
