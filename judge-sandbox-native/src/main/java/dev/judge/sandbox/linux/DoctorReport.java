package dev.judge.sandbox.linux;

import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Which protections of the native sandbox are active on this host.
 *
 * @param root          whether the JVM runs as root (else the sandbox runs rootless, in a user namespace)
 * @param cgroupVersion the cgroup hierarchy runs are limited and measured with
 * @param protections   every protection, active or not, with the reason
 */
public record DoctorReport(boolean root, CgroupVersion cgroupVersion, List<Protection> protections) {
    /** Without these a run would not be confined; the sandbox refuses to start unless told otherwise. */
    static final Set<String> REQUIRED = Set.of("root", "rootless", "namespaces", "seccomp", "cgroups");

    public DoctorReport {
        Objects.requireNonNull(cgroupVersion, "cgroupVersion");
        protections = List.copyOf(protections);
    }

    /** The protection of that name, if the doctor checked it. */
    public Optional<Protection> protection(String name) {
        return protections.stream().filter(p -> p.name().equals(name)).findFirst();
    }

    /** Required protections that are missing; empty when the sandbox runs fully confined. */
    public List<Protection> missing() {
        return protections.stream().filter(p -> REQUIRED.contains(p.name()) && !p.active()).toList();
    }

    /** Whether every required protection is active. */
    public boolean fullyConfined() {
        return missing().isEmpty();
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder("native sandbox doctor:\n");
        for (Protection p : protections) {
            b.append(p.active() ? "  [ok]      " : "  [missing] ").append(p.name()).append(": ").append(p.detail())
                    .append('\n');
        }
        return b.toString();
    }
}
