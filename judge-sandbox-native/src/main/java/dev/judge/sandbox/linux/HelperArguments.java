package dev.judge.sandbox.linux;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.BaseEnvironment;
import dev.judge.core.sandbox.SandboxRequest;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the helper is told: its command line when a box starts, and each run's request. */
final class HelperArguments {
    /** The box's work dir, which is also a run's home. */
    static final String WORK_DIR = "/box";

    private HelperArguments() {
    }

    /**
     * The command line of the helper of box {@code id}; {@code rootless} and {@code cgroup} may be null.
     * {@code pipes} is the directory the pairs' FIFOs are made in; {@code network} (may be null) gives the
     * box a network of its own for the runs that ask for one.
     */
    static List<String> start(Path root, Path pipes, int uid, int id, Settings settings,
            RootlessCheck.Setup rootless, BoxCgroup cgroup, BoxNetworkTools network) {
        List<String> args = new ArrayList<>(List.of("--root", root.toString(), "--pipes", pipes.toString(),
                "--uid", Integer.toString(uid), "--gid", Integer.toString(uid),
                "--work-size", Long.toString(settings.workDirSize().bytes()),
                "--work-inodes", Long.toString(settings.workDirInodes())));
        if (rootless != null) {
            RootlessMapping m = rootless.mapping();
            args.addAll(List.of("--rootless", "1", "--newuidmap", rootless.newuidmap().toString(),
                    "--newgidmap", rootless.newgidmap().toString(), "--outer-uid", Long.toString(m.outerUid()),
                    "--outer-gid", Long.toString(m.outerGid()), "--host-uid", Long.toString(m.hostUid(id)),
                    "--host-gid", Long.toString(m.hostGid(id))));
        }
        if (network != null) {
            args.addAll(network.helperArguments());
        }
        for (Path p : settings.readOnly()) {
            args.add("--ro");
            args.add(p.toString());
        }
        if (cgroup != null) {
            for (Path p : cgroup.procsFiles()) {
                args.add("--procs");
                args.add(p.toString());
            }
            args.add(cgroup.cpuIsV2() ? "--cpu-v2" : "--cpu-v1");
            args.add(cgroup.cpuFile().toString());
            for (Path p : cgroup.resetFiles()) {
                args.add("--reset");
                args.add(p.toString());
            }
            for (Path p : cgroup.statFiles()) {
                args.add("--stat");
                args.add(p.toString());
            }
        }
        return args;
    }

    /**
     * The helper's view of a request; {@code addressSpace} 0 when a memory cgroup bounds the run instead,
     * {@code pair} {@code null} for a run on its own.
     */
    static Helper.Request request(SandboxRequest r, long addressSpace, ByteSize maxCollected, Helper.PairEnd pair) {
        Limits l = r.limits();
        Map<String, String> env = BaseEnvironment.of(WORK_DIR, r.environment());
        List<String> envList = env.entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).toList();
        List<Helper.FileEntry> files = r.files().stream()
                .map(f -> new Helper.FileEntry(f.path(), f.executable(), f.content())).toList();
        return new Helper.Request(l.cpuTime().toNanos(), l.wallTime().toNanos(), l.fileSize().bytes(),
                l.stack().bytes(), l.openFiles(), l.processes(), l.outputSize().bytes(), maxCollected.bytes(),
                addressSpace, l.network(), r.stderrToStdout(), profileId(r.profile()), r.command(), envList, files,
                r.stdin(), r.collect(), pair);
    }

    /** The helper's number for a seccomp profile; an unknown profile is the default one. */
    static int profileId(String profile) {
        return switch (profile) {
            case "jvm" -> 1;
            case "node" -> 2;
            default -> 0;
        };
    }
}
