package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.LanguageContract;

/** Every default language compiles and runs in the Docker sandbox, on the host's toolchains bound read-only. */
class LanguagesDockerTest extends LanguageContract {

    @Override
    protected Sandbox createSandbox() {
        // the defaults alone: a user of the sandbox gets every default language without binding anything
        return TestSandboxes.create(DockerSandbox.builder().poolSize(2));
    }
}
