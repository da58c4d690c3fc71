package dev.judge.sandbox.linux;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Rootless sandboxes for the classes RootlessChild runs, configured by the system properties RootlessTest
 * passes: the delegated cgroup parent, the state directory and a directory of the judge's own files.
 */
final class RootlessSandboxes {
    static final int SLOTS = 2;

    private RootlessSandboxes() {
    }

    static String property(String name) {
        String v = System.getProperty(name);
        if (v == null) {
            throw new IllegalStateException("system property " + name + " is not set (run through RootlessTest)");
        }
        return v;
    }

    /** Where the judge's own files are, bound read-only into the boxes so that they can try them. */
    static Path judgeFiles() {
        return Path.of(property("judge.rootless.judgeFiles"));
    }

    static int firstUid() {
        return Integer.parseInt(property("judge.rootless.firstUid"));
    }

    static NativeSandbox start() {
        if (NativeSandboxDoctor.isRoot()) {
            throw new IllegalStateException("the rootless cases must run as a user other than root");
        }
        List<Path> readOnly = new ArrayList<>(NativeSandbox.DEFAULT_READ_ONLY);
        readOnly.add(judgeFiles());
        NativeSandbox sandbox = NativeSandbox.builder().slots(SLOTS).firstUid(firstUid())
                .cgroupParent(property("judge.rootless.cgroupParent"))
                .stateDirectory(Path.of(property("judge.rootless.state"))).readOnlyPaths(readOnly).build();
        if (!sandbox.rootless() || sandbox.cgroupVersion() == CgroupVersion.NONE) {
            sandbox.close();
            throw new IllegalStateException("not a fully confined rootless sandbox: " + sandbox.report());
        }
        return sandbox;
    }

    /** The host uids of the boxes. */
    static RootlessMapping mapping() {
        return RootlessCheck.plan(RootlessHost.current(), firstUid(), SLOTS);
    }

    /** Host processes running as one of the boxes' host uids. */
    static List<Long> boxProcesses() {
        RootlessMapping m = mapping();
        return HostProcesses.withUidBetween(m.hostUid(0), m.hostUid(SLOTS - 1));
    }
}
