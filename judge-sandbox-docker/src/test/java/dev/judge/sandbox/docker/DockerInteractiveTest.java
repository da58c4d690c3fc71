package dev.judge.sandbox.docker;

import dev.judge.core.pipeline.tck.InteractiveContract;
import dev.judge.core.sandbox.Sandbox;

/** Interactive problems (Kattis and testlib interactors, the verdict rules, multi-pass) on the Docker sandbox. */
class DockerInteractiveTest extends InteractiveContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.create(2);
    }
}
