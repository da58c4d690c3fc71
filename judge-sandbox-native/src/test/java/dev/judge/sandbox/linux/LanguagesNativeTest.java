package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.LanguageContract;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Every default language compiles and runs in the native sandbox, with the host's toolchains bound read-only. */
class LanguagesNativeTest extends LanguageContract {

    @Override
    protected Sandbox createSandbox() {
        TestSandboxes.requireConfinement();
        List<Path> paths = new ArrayList<>(NativeSandbox.DEFAULT_READ_ONLY);
        paths.addAll(existingExtraToolchainPaths());
        return NativeSandbox.builder().slots(2).firstUid(TestSandboxes.firstUid()).readOnlyPaths(paths).build();
    }
}
