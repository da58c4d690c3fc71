package dev.judge.sandbox.docker;

import dev.judge.core.pipeline.tck.ScoringGroupsContract;
import dev.judge.core.sandbox.Sandbox;

/** Scoring groups, dependencies and skipped tests on the Docker sandbox. */
class DockerScoringGroupsTest extends ScoringGroupsContract {

    @Override
    protected Sandbox sandbox() {
        return TestSandboxes.create(2);
    }
}
