package dev.judge.core.sandbox;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The environment every sandbox gives a command: a minimal {@code PATH}, {@code HOME} set to the work dir
 * and a UTF-8 {@code LANG}, under the request's own variables, which win. Nothing of the judge's own
 * environment reaches a run.
 */
public final class BaseEnvironment {
    /** The directories a command is looked up in. */
    public static final String PATH = "/usr/local/bin:/usr/bin:/bin";
    /** A locale every libc has, so tools print UTF-8 without any locale installed. */
    public static final String LANG = "C.UTF-8";

    private BaseEnvironment() {
    }

    /**
     * {@code PATH}, {@code HOME} and {@code LANG}, in this order, then the request's variables, which replace
     * a base value of the same name.
     *
     * @param workDir   the run's work dir inside the sandbox (absolute), which is also its home
     * @param requested the request's {@link SandboxRequest#environment() environment}
     */
    public static Map<String, String> of(String workDir, Map<String, String> requested) {
        Objects.requireNonNull(workDir, "workDir");
        Objects.requireNonNull(requested, "requested");
        if (!workDir.startsWith("/")) {
            throw new IllegalArgumentException("the work dir must be absolute, was '" + workDir + "'");
        }
        Map<String, String> env = new LinkedHashMap<>();
        env.put("PATH", PATH);
        env.put("HOME", workDir);
        env.put("LANG", LANG);
        env.putAll(requested);
        return env;
    }
}
