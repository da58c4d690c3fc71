package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.OptionalInt;
import java.util.Set;

/**
 * cgroup v1: one directory per controller (memory, pids, cpuacct) for each box, and where the host mounts
 * them, one in the cpuset and cpu hierarchies that place the box on its CPU ({@link CgroupV1Cpu}).
 */
final class CgroupV1 implements CgroupDriver {

    private final Path memory;
    private final Path pids;
    private final Path cpuacct;
    /** {@code null} when the host does not mount the cpuset (or cpu) hierarchy for this sandbox. */
    private final Path cpuset;
    private final Path cpu;
    private final String parent;

    /** {@code parent}: where the sandbox's cgroups go, relative to each controller's mount. */
    CgroupV1(Path memoryMount, Path pidsMount, Path cpuacctMount, String parent) {
        this(memoryMount, pidsMount, cpuacctMount, null, null, parent);
    }

    /**
     * With the cpuset and cpu mounts ({@code null} when absent; they may be the cpuacct mount when the host
     * mounts the controllers together), boxes are placed on their CPU.
     */
    CgroupV1(Path memoryMount, Path pidsMount, Path cpuacctMount, Path cpusetMount, Path cpuMount, String parent) {
        this.memory = memoryMount;
        this.pids = pidsMount;
        this.cpuacct = cpuacctMount;
        this.cpuset = cpusetMount;
        this.cpu = cpuMount;
        this.parent = parent;
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V1;
    }

    @Override
    public List<Path> instanceParents() {
        Set<Path> out = new LinkedHashSet<>(List.of(memory.resolve(parent), pids.resolve(parent),
                cpuacct.resolve(parent)));
        if (placesCpus()) {
            out.add(cpuset.resolve(parent));
            out.add(cpu.resolve(parent));
        }
        return List.copyOf(out);
    }

    @Override
    public boolean placesCpus() {
        return cpuset != null && cpu != null;
    }

    @Override
    public BoxCgroup create(String instance, int box, OptionalInt onCpu) throws IOException {
        String rel = parent + "/" + instance + "/box-" + box;
        Path m = memory.resolve(rel);
        Path p = pids.resolve(rel);
        Path c = cpuacct.resolve(rel);
        CgroupFiles.mkdirs(m);
        CgroupFiles.mkdirs(p);
        CgroupFiles.mkdirs(c);
        List<Path> placement = new ArrayList<>();
        if (onCpu.isPresent() && placesCpus()) {
            placement.add(CgroupV1Cpu.createCpuset(cpuset, rel, onCpu.getAsInt()));
            placement.add(CgroupV1Cpu.createCapped(cpu, rel));
        }
        return new BoxDirs(m, p, c, placement, placement.isEmpty() ? OptionalInt.empty() : onCpu);
    }

    /** The three directories of one box. */
    static final class BoxDirs implements BoxCgroup {
        private static final long FORCE_EMPTY_ABOVE = 2L << 20;
        private final Path mem;
        private final Path pids;
        private final Path cpu;
        /** The box's cpuset and cpu directories (none when unplaced), apart from the three above. */
        private final List<Path> placement;
        private final OptionalInt onCpu;
        private final boolean memsw;
        // limits of the previous run: most runs repeat them, and each control file write costs a syscall trip
        private long lastMemory = -1;
        private int lastProcesses = -1;
        // page cache charged by an earlier run would count toward the next run's peak
        private boolean emptyBeforeNextRun = true;

        BoxDirs(Path mem, Path pids, Path cpu) {
            this(mem, pids, cpu, List.of(), OptionalInt.empty());
        }

        BoxDirs(Path mem, Path pids, Path cpu, List<Path> placement, OptionalInt onCpu) {
            this.mem = mem;
            this.pids = pids;
            this.cpu = cpu;
            // cpu and cpuacct mounted together share a directory
            this.placement = placement.stream().filter(d -> !d.equals(cpu)).distinct().toList();
            this.onCpu = onCpu;
            this.memsw = Files.exists(mem.resolve("memory.memsw.limit_in_bytes"));
        }

        @Override
        public List<Path> procsFiles() {
            List<Path> out = new ArrayList<>(List.of(mem.resolve("cgroup.procs"), pids.resolve("cgroup.procs"),
                    cpu.resolve("cgroup.procs")));
            placement.forEach(d -> out.add(d.resolve("cgroup.procs")));
            return out;
        }

        @Override
        public OptionalInt cpu() {
            return onCpu;
        }

        @Override
        public Path cpuFile() {
            return cpu.resolve("cpuacct.usage");
        }

        @Override
        public boolean cpuIsV2() {
            return false;
        }

        private Path peakFile() {
            // with swap accounting the memsw counters cover memory too, so only those are used
            return mem.resolve(memsw ? "memory.memsw.max_usage_in_bytes" : "memory.max_usage_in_bytes");
        }

        @Override
        public List<Path> resetFiles() {
            return List.of(peakFile(), mem.resolve("memory.failcnt"));
        }

        @Override
        public List<Path> statFiles() {
            return List.of(peakFile(), mem.resolve("memory.failcnt"), mem.resolve("memory.oom_control"),
                    cpu.resolve("cpuacct.usage"), mem.resolve("memory.usage_in_bytes"));
        }

        @Override
        public void prepare(Limits limits) throws IOException {
            if (limits.memory().bytes() != lastMemory) {
                lastMemory = -1;
                setMemoryLimit(limits.memory().bytes());
                lastMemory = limits.memory().bytes();
            }
            if (emptyBeforeNextRun) {
                CgroupFiles.write(mem.resolve("memory.force_empty"), "0");
                emptyBeforeNextRun = false;
            }
            if (limits.processes() != lastProcesses) {
                lastProcesses = -1;
                // one more than the run may use: slack for the moment between fork and the limit check
                CgroupFiles.write(pids.resolve("pids.max"), Integer.toString(limits.processes() + 1));
                lastProcesses = limits.processes();
            }
        }

        private void setMemoryLimit(long bytes) throws IOException {
            if (!memsw) {
                CgroupFiles.write(mem.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                return;
            }
            // memory must stay <= memsw at every step, so the order depends on the direction
            long current = CgroupFiles.readLong(mem.resolve("memory.limit_in_bytes"));
            if (bytes < current) {
                CgroupFiles.write(mem.resolve("memory.limit_in_bytes"), Long.toString(bytes));
                CgroupFiles.write(mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
            } else {
                CgroupFiles.write(mem.resolve("memory.memsw.limit_in_bytes"), Long.toString(bytes));
                CgroupFiles.write(mem.resolve("memory.limit_in_bytes"), Long.toString(bytes));
            }
        }

        @Override
        public void runEndedAbnormally() {
            emptyBeforeNextRun = true;
        }

        @Override
        public CgroupUsage usage(CgroupReadings r) {
            List<String> before = r.before();
            List<String> after = r.after();
            // the run's files are gone when the helper reads "after": what is left is page cache
            emptyBeforeNextRun = CgroupReadings.number(after.get(4)) > FORCE_EMPTY_ABOVE;
            return new CgroupUsage(
                    CgroupReadings.number(after.get(3)) - CgroupReadings.number(before.get(3)),
                    CgroupReadings.number(after.get(0)),
                    CgroupReadings.keyed(after.get(2), "oom_kill") - CgroupReadings.keyed(before.get(2), "oom_kill"),
                    CgroupReadings.number(after.get(1)));
        }

        @Override
        public List<Integer> pids() throws IOException {
            return CgroupFiles.pids(pids.resolve("cgroup.procs"));
        }

        @Override
        public long taskCount() throws IOException {
            return CgroupFiles.readLong(pids.resolve("pids.current"));
        }

        @Override
        public void remove() throws IOException {
            CgroupFiles.killAndRemove(mem);
            CgroupFiles.killAndRemove(pids);
            CgroupFiles.killAndRemove(cpu);
            for (Path d : placement) {
                CgroupFiles.killAndRemove(d);
            }
        }
    }
}
