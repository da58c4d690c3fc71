package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.LanguageContract;
import java.nio.file.Path;

/** Every default language compiles and runs in the Docker sandbox, on the host's toolchains bound read-only. */
class LanguagesDockerTest extends LanguageContract {

    @Override
    protected Sandbox createSandbox() {
        DockerSandbox.Builder builder = DockerSandbox.builder().poolSize(2);
        for (Path p : existingExtraToolchainPaths()) {
            builder.readOnlyBind(p.toString());
        }
        return TestSandboxes.create(builder);
    }
}
