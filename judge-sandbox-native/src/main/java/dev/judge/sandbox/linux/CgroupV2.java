package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;

/** cgroup v2: one directory per slot in the unified hierarchy, controllers enabled on the way down. */
final class CgroupV2 implements CgroupDriver {
    static final String PARENT = "judge-native";
    static final String CONTROLLERS = "+memory +pids +cpu";

    private final Path root;

    CgroupV2(Path root) {
        this.root = root;
    }

    @Override
    public CgroupVersion version() {
        return CgroupVersion.V2;
    }

    @Override
    public List<Path> instanceParents() {
        return List.of(root.resolve(PARENT));
    }

    @Override
    public SlotCgroup create(String instance, int slot) throws IOException {
        Path parent = root.resolve(PARENT);
        Path inst = parent.resolve(instance);
        Path dir = inst.resolve("slot-" + slot);
        // a controller is usable in a cgroup only when every ancestor delegates it
        enable(root);
        CgroupFiles.mkdirs(parent);
        enable(parent);
        CgroupFiles.mkdirs(inst);
        enable(inst);
        CgroupFiles.mkdirs(dir);
        return new Slot(dir);
    }

    private static void enable(Path dir) throws IOException {
        String current = CgroupFiles.read(dir.resolve("cgroup.subtree_control"));
        if (!(current.contains("memory") && current.contains("pids") && current.contains("cpu"))) {
            CgroupFiles.write(dir.resolve("cgroup.subtree_control"), CONTROLLERS);
        }
    }

    static final class Slot implements SlotCgroup {
        private final Path dir;
        private long cpuBaseUsec;
        private long oomBase;
        private long maxBase;
        private FileChannel peak;
        // limits of the previous run: most runs repeat them, and each control file write costs a syscall trip
        private long lastMemory = -1;
        private int lastProcesses = -1;
        private boolean peakResettable;

        Slot(Path dir) {
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
            cpuBaseUsec = CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec");
            oomBase = CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill");
            maxBase = CgroupFiles.keyed(dir.resolve("memory.events"), "max");
            closePeak();
            // memory.peak is reset per open file (Linux 6.12+): keep the fd that reset it for reading
            peak = FileChannel.open(dir.resolve("memory.peak"), StandardOpenOption.READ, StandardOpenOption.WRITE);
            try {
                peak.write(ByteBuffer.wrap("reset\n".getBytes(StandardCharsets.US_ASCII)));
                peakResettable = true;
            } catch (IOException notSupported) {
                peakResettable = false;
            }
        }

        /** Whether the last peak reading covers only the last run (else it covers the slot's lifetime). */
        boolean peakResettable() {
            return peakResettable;
        }

        @Override
        public CgroupUsage usage() throws IOException {
            long cpuUsec = CgroupFiles.keyed(dir.resolve("cpu.stat"), "usage_usec") - cpuBaseUsec;
            long oom = CgroupFiles.keyed(dir.resolve("memory.events"), "oom_kill") - oomBase;
            long max = CgroupFiles.keyed(dir.resolve("memory.events"), "max") - maxBase;
            long peakBytes = 0;
            if (peak != null) {
                ByteBuffer b = ByteBuffer.allocate(64);
                peak.read(b, 0);
                String s = new String(b.array(), 0, b.position(), StandardCharsets.US_ASCII).trim();
                peakBytes = s.isEmpty() ? 0 : Long.parseLong(s);
            }
            return new CgroupUsage(cpuUsec * 1000, peakBytes, oom, max);
        }

        @Override
        public List<Integer> pids() throws IOException {
            return CgroupFiles.pids(dir.resolve("cgroup.procs"));
        }

        @Override
        public long taskCount() throws IOException {
            return CgroupFiles.readLong(dir.resolve("pids.current"));
        }

        private void closePeak() throws IOException {
            if (peak != null) {
                peak.close();
                peak = null;
            }
        }

        @Override
        public void remove() throws IOException {
            closePeak();
            CgroupFiles.killAndRemove(dir);
        }
    }
}
