package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.SandboxException;
import java.util.List;

/** What a starting sandbox demands of the host: rootless ids that hold every box, and confinement. */
final class HostChecks {
    private HostChecks() {
    }

    /**
     * {@code null} as root; else the rootless check for boxes {@code firstUid} on.
     *
     * @throws IllegalStateException when the user's subordinate ids cannot hold the boxes: a configuration
     *                               error, not a reason to run a weaker box
     */
    static RootlessCheck.Result rootless(int firstUid, int boxes) {
        if (NativeSandboxDoctor.isRoot()) {
            return null;
        }
        RootlessHost host = RootlessHost.current();
        RootlessCheck.plan(host, firstUid, boxes);
        return RootlessCheck.check(host, firstUid, boxes);
    }

    /** Refuses a host where a run would not be confined, or confined by rlimits only unless that was allowed. */
    static void requireConfinement(DoctorReport report, boolean allowUnconfined) {
        List<Protection> missing = report.missing();
        if (missing.isEmpty()) {
            return;
        }
        List<Protection> fatal = missing.stream().filter(p -> !p.name().equals("cgroups")).toList();
        if (!fatal.isEmpty()) {
            // without root (or rootless operation), namespaces or seccomp the helper cannot build a box at all
            throw new SandboxException("the native sandbox cannot run on this host: " + describe(fatal));
        }
        if (!allowUnconfined) {
            throw new SandboxException("refusing to run with weaker isolation (" + describe(missing)
                    + "); memory and process limits would rest on rlimits only. Call allowUnconfined(true) to accept.");
        }
    }

    private static String describe(List<Protection> ps) {
        return String.join("; ", ps.stream().map(p -> p.name() + " missing: " + p.detail()).toList());
    }
}
