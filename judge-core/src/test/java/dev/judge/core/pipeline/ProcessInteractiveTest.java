package dev.judge.core.pipeline;

import dev.judge.core.pipeline.tck.InteractiveContract;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;

/** Interactive judging's rules on the plain process sandbox of the tests, whose pair run the test JVM pumps. */
class ProcessInteractiveTest extends InteractiveContract {

    @Override
    protected Sandbox sandbox() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        return new ProcessSandbox();
    }
}
