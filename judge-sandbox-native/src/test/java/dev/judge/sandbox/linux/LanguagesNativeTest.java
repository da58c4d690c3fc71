package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.LanguageContract;

/** Every default language compiles and runs in the native sandbox, with the host's toolchains bound read-only. */
class LanguagesNativeTest extends LanguageContract {

    @Override
    protected Sandbox createSandbox() {
        TestSandboxes.requireConfinement();
        // the defaults alone: a user of the sandbox gets every default language without binding anything
        return NativeSandbox.builder().slots(2).firstUid(TestSandboxes.firstUid()).build();
    }
}
