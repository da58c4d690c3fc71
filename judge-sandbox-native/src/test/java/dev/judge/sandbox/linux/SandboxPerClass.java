package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * A test class with a native sandbox of its own, opened before its first test and closed after its last; after
 * each test no box process may be left on the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SandboxPerClass {
    private final int slots;
    NativeSandbox sandbox;

    SandboxPerClass(int slots) {
        this.slots = slots;
    }

    @BeforeAll
    void openSandbox() {
        sandbox = TestSandboxes.require(slots);
    }

    @AfterAll
    void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void noBoxProcessSurvives() {
        assertThat(TestSandboxes.boxProcesses()).as("box processes left on the host").isEmpty();
    }
}
