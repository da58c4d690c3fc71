package dev.judge.autoconfigure;

import dev.judge.core.sandbox.Sandbox;
import java.util.Optional;

/** A sandbox module found on the class path, which can say whether it can run on this host. */
interface SandboxCandidate {

    /** {@code native} or {@code docker}. */
    JudgeProperties.SandboxType type();

    /** Why the sandbox cannot run here, or empty when it can. */
    Optional<String> unavailableReason();

    /** Starts the sandbox. */
    Sandbox create();
}
