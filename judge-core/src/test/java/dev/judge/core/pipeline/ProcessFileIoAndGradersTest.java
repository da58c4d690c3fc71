package dev.judge.core.pipeline;

import dev.judge.core.pipeline.tck.FileIoAndGradersContract;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;

/** The file I/O and graders contract on the plain process runner of the tests: the pipeline's own check. */
class ProcessFileIoAndGradersTest extends FileIoAndGradersContract {

    @Override
    protected Sandbox sandbox() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        return new ProcessSandbox();
    }
}
