package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** cgroup v1: one directory per controller (memory, pids, cpuacct) for each box. */
final class CgroupV1 implements CgroupDriver {

    private final Path memory;
    private final Path pids;
    private final Path cpuacct;
    private final String parent;

    /** {@code parent}: where the sandbox's cgroups go, relative to each controller's mount. */
    CgroupV1(Path memoryMount, Path pidsMount, Path cpuacctMount, String parent) {
        this.memory = memoryMount;
        this.pids = pidsMount;
        this.cpuacct = cpuacctMount;
        this.parent = parent;
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V1;
    }

    @Override
    public List<Path> instanceParents() {
        return List.of(memory.resolve(parent), pids.resolve(parent), cpuacct.resolve(parent));
    }

    @Override
    public BoxCgroup create(String instance, int box) throws IOException {
        String rel = parent + "/" + instance + "/box-" + box;
        Path m = memory.resolve(rel);
        Path p = pids.resolve(rel);
        Path c = cpuacct.resolve(rel);
        CgroupFiles.mkdirs(m);
        CgroupFiles.mkdirs(p);
        CgroupFiles.mkdirs(c);
        return new BoxDirs(m, p, c);
    }

    /** The three directories of one box. */
    static final class BoxDirs implements BoxCgroup {
        private static final long FORCE_EMPTY_ABOVE = 2L << 20;
        private final Path mem;
        private final Path pids;
        private final Path cpu;
        private final boolean memsw;
        // limits of the previous run: most runs repeat them, and each control file write costs a syscall trip
        private long lastMemory = -1;
        private int lastProcesses = -1;
        // page cache charged by an earlier run would count toward the next run's peak
        private boolean emptyBeforeNextRun = true;

        BoxDirs(Path mem, Path pids, Path cpu) {
            this.mem = mem;
            this.pids = pids;
            this.cpu = cpu;
            this.memsw = Files.exists(mem.resolve("memory.memsw.limit_in_bytes"));
        }

        @Override
        public List<Path> procsFiles() {
            return List.of(mem.resolve("cgroup.procs"), pids.resolve("cgroup.procs"), cpu.resolve("cgroup.procs"));
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
        }
    }
}
