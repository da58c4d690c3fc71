package dev.judge.sandbox.linux;

import dev.judge.core.pipeline.tck.ScoringGroupsContract;
import dev.judge.core.sandbox.Sandbox;

/** Scoring groups, dependencies and skipped tests on the native sandbox. */
class NativeScoringGroupsTest extends ScoringGroupsContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.require();
    }
}
