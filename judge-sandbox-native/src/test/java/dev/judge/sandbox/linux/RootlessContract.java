package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.tck.SandboxContract;

/** The Sandbox TCK against a rootless native sandbox; run by RootlessChild as an unprivileged user. */
class RootlessContract extends SandboxContract {

    @Override
    protected Sandbox createSandbox() {
        return RootlessSandboxes.start();
    }
}
