package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.tck.SandboxContract;

/** The native sandbox passes the Sandbox TCK. */
class NativeSandboxTest extends SandboxContract {

    @Override
    protected Sandbox createSandbox() {
        return TestSandboxes.require();
    }
}
