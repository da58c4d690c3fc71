package dev.judge.sandbox.docker;

import dev.judge.core.pipeline.tck.CheckerProtocolsContract;
import dev.judge.core.sandbox.Sandbox;

/** testlib checkers and Kattis output validators on the Docker sandbox. */
class DockerCheckerProtocolsTest extends CheckerProtocolsContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.create(2);
    }
}
