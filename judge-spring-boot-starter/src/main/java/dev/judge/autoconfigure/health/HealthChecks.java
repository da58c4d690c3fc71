package dev.judge.autoconfigure.health;

import dev.judge.core.model.Limits;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The checks behind the judge's health contributors. Each turns a failure into DOWN with the reason. */
final class HealthChecks {

    private static final Limits PROBE_LIMITS = Limits.defaults()
            .withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(5));

    private HealthChecks() {
    }

    /** Runs {@code /bin/true} in the sandbox: the only proof that the sandbox can run anything. */
    static ComponentHealth sandbox(Sandbox sandbox) {
        return sandbox(sandbox, List.of());
    }

    static ComponentHealth sandbox(Sandbox sandbox, List<SandboxHealthDetails> extra) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("sandbox", sandbox.name());
        for (SandboxHealthDetails e : extra) {
            try {
                details.putAll(e.details(sandbox));
            } catch (RuntimeException failure) {
                details.put("detailsError", String.valueOf(failure.getMessage()));
            }
        }
        try {
            SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/true"), PROBE_LIMITS));
            details.put("termination", r.termination().name());
            details.put("wallTimeMillis", r.wallTime().toMillis());
            if (!r.message().isEmpty()) {
                details.put("message", r.message());
            }
            return new ComponentHealth(r.succeeded(), details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new ComponentHealth(false, details);
        }
    }

    static ComponentHealth queue(JobQueue queue) {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            details.put("depth", queue.depth());
            return new ComponentHealth(true, details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new ComponentHealth(false, details);
        }
    }

    static ComponentHealth store(ResultStore store) {
        Map<String, Object> details = new LinkedHashMap<>();
        try {
            store.find("health-probe");
            return new ComponentHealth(true, details);
        } catch (RuntimeException e) {
            details.put("error", String.valueOf(e.getMessage()));
            return new ComponentHealth(false, details);
        }
    }
}
