package dev.judge.autoconfigure.health;

import dev.judge.core.sandbox.Sandbox;
import java.util.Map;

/** Details a sandbox module adds to the sandbox's health, such as the native sandbox's self-check. */
@FunctionalInterface
public interface SandboxHealthDetails {

    /** Details of {@code sandbox}, or an empty map when it is not this module's. */
    Map<String, Object> details(Sandbox sandbox);
}
