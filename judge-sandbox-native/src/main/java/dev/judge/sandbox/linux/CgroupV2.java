package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** cgroup v2: one directory per box in the unified hierarchy, controllers enabled on the way down. */
final class CgroupV2 implements CgroupDriver {
    static final String CONTROLLERS = "+memory +pids +cpu";

    private final Path root;
    private final String parent;

    /** {@code parent}: where the sandbox's cgroups go, relative to the unified hierarchy's mount. */
    CgroupV2(Path root, String parent) {
        this.root = root;
        this.parent = parent;
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V2;
    }

    @Override
    public List<Path> instanceParents() {
        return List.of(root.resolve(parent));
    }

    @Override
    public BoxCgroup create(String instance, int box) throws IOException {
        Path inst = root.resolve(parent).resolve(instance);
        Path dir = inst.resolve("box-" + box);
        // a controller is usable in a cgroup only when every ancestor delegates it; in a delegated subtree
        // the levels above the user's part have them already, and are left alone
        Path level = root;
        enable(level);
        for (Path name : root.relativize(inst)) {
            level = level.resolve(name);
            CgroupFiles.mkdirs(level);
            enable(level);
        }
        CgroupFiles.mkdirs(dir);
        return new BoxDir(dir);
    }

    private static void enable(Path dir) throws IOException {
        String current = CgroupFiles.read(dir.resolve("cgroup.subtree_control"));
        if (!(current.contains("memory") && current.contains("pids") && current.contains("cpu"))) {
            CgroupFiles.write(dir.resolve("cgroup.subtree_control"), CONTROLLERS);
        }
    }

    /** The directory of one box. */
    static final class BoxDir implements BoxCgroup {
        private final Path dir;
        // limits of the previous run: most runs repeat them, and each control file write costs a syscall trip
        private long lastMemory = -1;
        private int lastProcesses = -1;
        private boolean peakResettable;

        BoxDir(Path dir) {
            this.dir = dir;
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(dir.resolve("cgroup.procs"));
        }

        @Override
        public Path cpuFile() {
            return dir.resolve("cpu.stat");
        }

        @Override
        public boolean cpuIsV2() {
            return true;
        }

        /**
         * memory.peak is reset per open file (Linux 6.12+): the helper writes and reads it through the one
         * descriptor it keeps, so the reading covers the run alone.
         */
        @Override
        public List<Path> resetFiles() {
            return List.of(dir.resolve("memory.peak"));
        }

        @Override
        public List<Path> statFiles() {
            return List.of(dir.resolve("cpu.stat"), dir.resolve("memory.events"), dir.resolve("memory.peak"));
        }

        @Override
        public void prepare(Limits limits) throws IOException {
            if (limits.memory().bytes() != lastMemory) {
                lastMemory = -1;
                CgroupFiles.write(dir.resolve("memory.max"), Long.toString(limits.memory().bytes()));
                // no swap at all, so memory.max is the whole memory of the run
                if (Files.exists(dir.resolve("memory.swap.max"))) {
                    CgroupFiles.write(dir.resolve("memory.swap.max"), "0");
                }
                lastMemory = limits.memory().bytes();
            }
            if (limits.processes() != lastProcesses) {
                lastProcesses = -1;
                CgroupFiles.write(dir.resolve("pids.max"), Integer.toString(limits.processes() + 1));
                lastProcesses = limits.processes();
            }
        }

        /** Whether the last peak reading covers only the last run (else it covers the box's lifetime). */
        boolean peakResettable() {
            return peakResettable;
        }

        @Override
        public CgroupUsage usage(CgroupReadings r) {
            List<String> before = r.before();
            List<String> after = r.after();
            peakResettable = !r.resetFailed(0);
            long cpuUsec = CgroupReadings.keyed(after.get(0), "usage_usec") - CgroupReadings.keyed(before.get(0), "usage_usec");
            long oom = CgroupReadings.keyed(after.get(1), "oom_kill") - CgroupReadings.keyed(before.get(1), "oom_kill");
            long max = CgroupReadings.keyed(after.get(1), "max") - CgroupReadings.keyed(before.get(1), "max");
            return new CgroupUsage(cpuUsec * 1000, CgroupReadings.number(after.get(2)), oom, max);
        }

        @Override
        public List<Integer> pids() throws IOException {
            return CgroupFiles.pids(dir.resolve("cgroup.procs"));
        }

        @Override
        public long taskCount() throws IOException {
            return CgroupFiles.readLong(dir.resolve("pids.current"));
        }

        @Override
        public void remove() throws IOException {
            CgroupFiles.killAndRemove(dir);
        }
    }
}
