package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks which protections the native sandbox can use on this host: it extracts the helper into a
 * private temporary directory, lets it try namespaces and a seccomp filter in a throw-away process, and
 * looks for usable cgroup controllers.
 */
public final class NativeSandboxDoctor {
    private NativeSandboxDoctor() {
    }

    /** Runs every check; never throws for a missing protection, it is reported instead. */
    public static DoctorReport check() {
        boolean root = isRoot();
        CgroupDetector.Detection det = CgroupDetector.detect();
        Path dir = null;
        try {
            dir = Files.createTempDirectory("judge-native-doctor-" + ProcessHandle.current().pid() + "-");
            Path helper = HelperBinary.extract(dir);
            return check(root, helper, det, NativeSandbox.DEFAULT_FIRST_UID, 1);
        } catch (IOException e) {
            return report(root, det, List.of("namespaces missing " + e.getMessage(), "seccomp missing " + e.getMessage()),
                    NativeSandbox.DEFAULT_FIRST_UID, 1);
        } finally {
            if (dir != null) {
                try {
                    InstanceDirs.deleteTree(dir);
                } catch (IOException ignored) {
                    // a temp dir left behind is harmless
                }
            }
        }
    }

    static boolean isRoot() {
        try {
            return Libc.INSTANCE.geteuid() == 0;
        } catch (UnsatisfiedLinkError e) {
            return false;
        }
    }

    static DoctorReport check(boolean root, Path helper, CgroupDetector.Detection det, int firstUid, int slots) {
        List<String> lines;
        if (!root) {
            lines = List.of("namespaces missing the helper needs root to create them",
                    "seccomp missing not checked without root", "user-namespace missing not checked without root");
        } else {
            try {
                lines = Helper.probe(helper);
            } catch (IOException e) {
                lines = List.of("namespaces missing " + e.getMessage(), "seccomp missing " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                lines = List.of("namespaces missing interrupted", "seccomp missing interrupted");
            }
        }
        return report(root, det, lines, firstUid, slots);
    }

    private static DoctorReport report(boolean root, CgroupDetector.Detection det, List<String> probe, int firstUid,
            int slots) {
        List<Protection> ps = new ArrayList<>();
        ps.add(new Protection("root", root, root ? "running as root" : "not running as root (rootless mode is not built)"));
        ps.add(fromProbe(probe, "namespaces", "new PID, mount, network, IPC and UTS namespaces per box"));
        ps.add(fromProbe(probe, "seccomp", "syscall filter with per-profile allowances"));
        ps.add(new Protection("cgroups", det.version() != CgroupVersion.NONE, det.detail()));
        ps.add(uidSeparation(firstUid, slots));
        Protection userNs = fromProbe(probe, "user-namespace",
                "each program in a user namespace of its own that maps only its uid and gid");
        ps.add(new Protection("user-namespace", userNs.active(), userNs.detail()
                + "; the judge itself needs root (rootless operation is not built)"));
        return new DoctorReport(root, det.version(), ps);
    }

    private static Protection fromProbe(List<String> lines, String name, String what) {
        for (String line : lines) {
            if (line.equals(name + " ok")) {
                return new Protection(name, true, what);
            }
            if (line.startsWith(name + " missing")) {
                return new Protection(name, false, line.substring(name.length() + 8).trim());
            }
        }
        return new Protection(name, false, "the probe did not report it: " + String.join(" | ", lines));
    }

    /** Whether the process is a box of a sandbox of this JVM (its helper is our child). */
    private static boolean isOurs(String pid) {
        try {
            return ProcessHandle.of(Long.parseLong(pid)).flatMap(ProcessHandle::parent).flatMap(ProcessHandle::parent)
                    .map(gp -> gp.parent().map(ggp -> ggp.pid() == ProcessHandle.current().pid()).orElse(false))
                    .orElse(false);
        } catch (RuntimeException e) {
            return false;
        }
    }

    /** The box uids must belong to nobody on the host, or a box could act on that user's files. */
    private static Protection uidSeparation(int firstUid, int slots) {
        int last = firstUid + slots - 1;
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    int uid = Integer.parseInt(f[2]);
                    if (uid >= firstUid && uid <= last) {
                        return new Protection("uid-separation", false, "uid " + uid + " belongs to host user " + f[0]);
                    }
                }
            }
        } catch (IOException | NumberFormatException e) {
            return new Protection("uid-separation", false, "cannot read /etc/passwd: " + e.getMessage());
        }
        // a process already running as one of the uids (another sandbox?) could be signalled by a box
        java.io.File[] procs = new java.io.File("/proc").listFiles((d, n) -> n.chars().allMatch(Character::isDigit));
        for (java.io.File p : procs == null ? new java.io.File[0] : procs) {
            try {
                for (String line : Files.readAllLines(p.toPath().resolve("status"))) {
                    if (line.startsWith("Uid:")) {
                        int uid = Integer.parseInt(line.split("\\s+")[1]);
                        if (uid >= firstUid && uid <= last && !isOurs(p.getName())) {
                            return new Protection("uid-separation", false, "host process " + p.getName()
                                    + " already runs as box uid " + uid);
                        }
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended while we looked
            }
        }
        return new Protection("uid-separation", true, "boxes run as uids/gids " + firstUid + ".." + last
                + " (one per slot, no host user), no capabilities, no_new_privs");
    }
}
