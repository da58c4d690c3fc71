package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks which protections the native sandbox can use on this host: it extracts the helper into a
 * private temporary directory, lets it try namespaces and a seccomp filter in a throw-away process, and
 * looks for usable cgroup controllers. As root the sandbox uses them directly; as another user it runs
 * rootless, inside a user namespace mapped from the user's subordinate ids, and the report says why when
 * that is not possible.
 */
public final class NativeSandboxDoctor {
    private NativeSandboxDoctor() {
    }

    /** Runs every check for the default cgroup parent; never throws for a missing protection, it is reported. */
    public static DoctorReport check() {
        return check(CgroupDriver.DEFAULT_PARENT);
    }

    /**
     * Runs every check, looking for the sandbox's cgroups under {@code cgroupParent} (see
     * {@link NativeSandbox.Builder#cgroupParent}); never throws for a missing protection, it is reported.
     */
    public static DoctorReport check(String cgroupParent) {
        NativeSandbox.Builder.checkCgroupParent(cgroupParent);
        boolean root = isRoot();
        int firstUid = BoxPool.DEFAULT_FIRST_UID;
        RootlessCheck.Result rootless = root ? null : RootlessCheck.check(RootlessHost.current(), firstUid, 1);
        CgroupDetector.Detection det = CgroupDetector.detectFor(cgroupParent);
        Path dir = null;
        try {
            dir = Files.createTempDirectory("judge-native-doctor-" + ProcessHandle.current().pid() + "-");
            Path helper = HelperBinary.extract(dir);
            return check(rootless, helper, det, firstUid, 1);
        } catch (IOException e) {
            return report(rootless, det, List.of("namespaces missing " + e.getMessage(),
                    "seccomp missing " + e.getMessage()), firstUid, 1);
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

    /** {@code rootless}: {@code null} when running as root, else what the rootless check found. */
    static DoctorReport check(RootlessCheck.Result rootless, Path helper, CgroupDetector.Detection det, int firstUid,
            int boxes) {
        List<String> lines;
        try {
            lines = Helper.probe(helper);
        } catch (IOException e) {
            lines = List.of("namespaces missing " + e.getMessage(), "seccomp missing " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            lines = List.of("namespaces missing interrupted", "seccomp missing interrupted");
        }
        return report(rootless, det, lines, firstUid, boxes);
    }

    static DoctorReport report(RootlessCheck.Result rootless, CgroupDetector.Detection det, List<String> probe,
            int firstUid, int boxes) {
        boolean root = rootless == null;
        List<Protection> ps = new ArrayList<>();
        ps.add(root ? new Protection("root", true, "running as root") : rootless.protection());
        ps.add(fromProbe(probe, "namespaces", "new PID, mount, network, IPC and UTS namespaces per box"));
        ps.add(fromProbe(probe, "seccomp", "syscall allowlist per profile"));
        ps.add(new Protection("cgroups", det.version() != CgroupVersion.NONE, det.detail()));
        if (root) {
            ps.add(uidSeparation(firstUid, firstUid, boxes, ""));
        } else if (rootless.setup() != null) {
            RootlessMapping m = rootless.setup().mapping();
            ps.add(uidSeparation(m.hostUid(0), firstUid, boxes, " inside, host uids " + m.hostUid(0) + ".."
                    + m.hostUid(boxes - 1) + " from the judge's subordinate range, never the judge's own uid "
                    + m.outerUid()));
        } else {
            ps.add(new Protection("uid-separation", false, "no box uids without rootless operation"));
        }
        Protection userNs = fromProbe(probe, "user-namespace",
                "each program in a user namespace of its own that maps only its uid and gid");
        ps.add(new Protection("user-namespace", userNs.active(), userNs.detail()
                + (root ? "" : ", nested in the judge's own user namespace")));
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

    /**
     * The box uids as the host sees them ({@code firstHostUid} on) must belong to nobody on the host, or a
     * box could act on that user's files.
     */
    private static Protection uidSeparation(long firstHostUid, int firstUid, int boxes, String rootlessDetail) {
        long first = firstHostUid;
        long last = firstHostUid + boxes - 1;
        try {
            for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
                String[] f = line.split(":");
                if (f.length > 2) {
                    long uid = Long.parseLong(f[2]);
                    if (uid >= first && uid <= last) {
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
                        long uid = Long.parseLong(line.split("\\s+")[1]);
                        if (uid >= first && uid <= last && !isOurs(p.getName())) {
                            return new Protection("uid-separation", false, "host process " + p.getName()
                                    + " already runs as box uid " + uid);
                        }
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // the process ended while we looked
            }
        }
        return new Protection("uid-separation", true, "boxes run as uids/gids " + firstUid + ".."
                + (firstUid + boxes - 1) + rootlessDetail + " (one per box, no host user), no capabilities, "
                + "no_new_privs");
    }
}
