package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalInt;

/**
 * cgroup v2: one directory per box in the unified hierarchy, controllers enabled on the way down. Where every
 * level offers the cpuset controller it is enabled too, and each box is pinned to its CPU
 * ({@code cpuset.cpus}); {@code cpu.max} caps every box at one CPU.
 */
final class CgroupV2 implements CgroupDriver {
    static final String CONTROLLERS = "+memory +pids +cpu";
    /** The bandwidth cap of a box: one period of CPU time per period, one CPU. */
    static final String ONE_CPU = "100000 100000";

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

    /** Whether the hierarchy's root offers cpuset (a delegated subtree may still withhold it). */
    @Override
    public boolean placesCpus() {
        return offers(root, true);
    }

    @Override
    public BoxCgroup create(String instance, int box, OptionalInt cpu) throws IOException {
        Path inst = root.resolve(parent).resolve(instance);
        Path dir = inst.resolve("box-" + box);
        // a controller is usable in a cgroup only when every ancestor delegates it; in a delegated subtree
        // the levels above the user's part have them already, and are left alone
        Path level = root;
        boolean cpuset = enable(level, cpu.isPresent() && offers(level, false));
        for (Path name : root.relativize(inst)) {
            level = level.resolve(name);
            CgroupFiles.mkdirs(level);
            // a level that does not offer cpuset (not delegated to the user) leaves the boxes unpinned
            cpuset = enable(level, cpuset && offers(level, true));
        }
        CgroupFiles.mkdirs(dir);
        if (cpuset) {
            CgroupFiles.write(dir.resolve("cpuset.cpus"), Integer.toString(cpu.getAsInt()));
        }
        if (cpu.isPresent() && Files.exists(dir.resolve("cpu.max"))) {
            CgroupFiles.write(dir.resolve("cpu.max"), ONE_CPU);
        }
        return new BoxDir(dir, cpuset ? cpu : OptionalInt.empty());
    }

    /**
     * Whether {@code dir}'s {@code cgroup.controllers} lists cpuset; {@code absent} when the file is not
     * there (only in test trees, which list controllers at the root alone).
     */
    private static boolean offers(Path dir, boolean absent) {
        Path file = dir.resolve("cgroup.controllers");
        if (!Files.exists(file)) {
            return absent;
        }
        try {
            return List.of(CgroupFiles.read(file).trim().split("\\s+")).contains("cpuset");
        } catch (IOException e) {
            return false;
        }
    }

    /**
     * Enables memory, pids, cpu and (when asked) cpuset for the level's children where missing. A level above
     * the user's delegated part may refuse cpuset; then the boxes go unpinned.
     *
     * @return whether cpuset is enabled below the level
     */
    private static boolean enable(Path dir, boolean cpuset) throws IOException {
        List<String> current = List.of(CgroupFiles.read(dir.resolve("cgroup.subtree_control")).trim().split("\\s+"));
        if (cpuset && !current.contains("cpuset")) {
            try {
                write(dir, current, List.of("memory", "pids", "cpu", "cpuset"));
                return true;
            } catch (IOException e) {
                // not ours to change: go on without cpuset
            }
        }
        write(dir, current, List.of("memory", "pids", "cpu"));
        return cpuset && current.contains("cpuset");
    }

    private static void write(Path dir, List<String> current, List<String> wanted) throws IOException {
        List<String> missing = new ArrayList<>();
        for (String c : wanted) {
            if (!current.contains(c)) {
                missing.add("+" + c);
            }
        }
        if (!missing.isEmpty()) {
            CgroupFiles.write(dir.resolve("cgroup.subtree_control"), String.join(" ", missing));
        }
    }

    /** The directory of one box. */
    static final class BoxDir implements BoxCgroup {
        private final Path dir;
        private final OptionalInt onCpu;
        // limits of the previous run: most runs repeat them, and each control file write costs a syscall trip
        private long lastMemory = -1;
        private int lastProcesses = -1;
        private boolean peakResettable;

        BoxDir(Path dir, OptionalInt onCpu) {
            this.dir = dir;
            this.onCpu = onCpu;
        }

        @Override
        public OptionalInt cpu() {
            return onCpu;
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
