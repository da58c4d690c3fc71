package dev.judge.autoconfigure;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.sandbox.linux.DoctorReport;
import dev.judge.sandbox.linux.NativeSandbox;
import dev.judge.sandbox.linux.NativeSandboxDoctor;
import dev.judge.sandbox.linux.Protection;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The Linux native sandbox, available where its doctor finds every protection (or unconfined runs are allowed). */
final class NativeSandboxCandidate implements SandboxCandidate {

    private final JudgeProperties properties;

    NativeSandboxCandidate(JudgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public JudgeProperties.SandboxType type() {
        return JudgeProperties.SandboxType.NATIVE;
    }

    @Override
    public Optional<String> unavailableReason() {
        DoctorReport report;
        try {
            report = NativeSandboxDoctor.check(properties.sandbox().nativeCgroupParent());
        } catch (RuntimeException e) {
            return Optional.of("its self-check failed: " + e.getMessage());
        }
        if (report.fullyConfined() || properties.sandbox().allowUnconfined()) {
            return Optional.empty();
        }
        return Optional.of("protections missing on this host: " + report.missing().stream()
                .map(p -> p.name() + " (" + p.detail() + ")").collect(java.util.stream.Collectors.joining(", ")));
    }

    /** The self-check of a native sandbox, for its health: which protections are active and why any is not. */
    static Map<String, Object> healthDetails(Sandbox sandbox) {
        if (!(sandbox instanceof NativeSandbox n)) {
            return Map.of();
        }
        DoctorReport report = n.report();
        Map<String, Object> protections = new LinkedHashMap<>();
        for (Protection p : report.protections()) {
            protections.put(p.name(), p.active() ? "active" : "missing: " + p.detail());
        }
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("confined", report.fullyConfined());
        details.put("root", report.root());
        details.put("cgroup", String.valueOf(report.cgroupVersion()));
        details.put("protections", protections);
        return details;
    }

    @Override
    public Sandbox create() {
        // an interactive problem's pair runs in two boxes at once: a single slot could never serve it
        NativeSandbox.Builder builder = NativeSandbox.builder()
                .slots(Math.max(2, JudgeSandboxAutoConfiguration.slots(properties)))
                .allowUnconfined(properties.sandbox().allowUnconfined())
                .cgroupParent(properties.sandbox().nativeCgroupParent());
        if (!properties.sandbox().toolchainPaths().isEmpty()) {
            builder.readOnlyPaths(properties.sandbox().toolchainPaths().stream().map(Path::of).toList());
        }
        return builder.build();
    }
}
