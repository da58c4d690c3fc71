package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A box's CPU placement on cgroup v1: its directory in the {@code cpuset} hierarchy (the box's CPU) and in the
 * {@code cpu} hierarchy (a bandwidth cap of one CPU). Both hierarchies are optional: a host without them runs
 * boxes unplaced.
 */
final class CgroupV1Cpu {
    /** The bandwidth period; the quota is one period per CPU of the box. */
    static final long PERIOD_US = 100_000;

    private CgroupV1Cpu() {
    }

    /**
     * Creates {@code rel} under the cpuset mount, level by level. A new v1 cpuset starts with no CPUs and no
     * memory nodes, and a process cannot join it so: each level left empty gets its parent's, and the box's
     * own level gets {@code cpu} and its parent's memory nodes.
     *
     * @return the box's cpuset directory
     * @throws IOException naming the CPU when the parent cpuset does not offer it
     */
    static Path createCpuset(Path mount, String rel, int cpu) throws IOException {
        Path level = mount;
        Path box = mount.resolve(rel);
        for (Path name : mount.relativize(box)) {
            Path parent = level;
            level = level.resolve(name);
            CgroupFiles.mkdirs(level);
            boolean isBox = level.equals(box);
            copyIfEmpty(parent, level, "cpuset.mems", isBox);
            if (isBox) {
                try {
                    CgroupFiles.write(level.resolve("cpuset.cpus"), Integer.toString(cpu));
                } catch (IOException e) {
                    throw new IOException("cannot place a box on CPU " + cpu + " (" + parent + " offers CPUs "
                            + CgroupFiles.read(parent.resolve("cpuset.cpus")).trim() + "): " + e.getMessage(), e);
                }
            } else {
                copyIfEmpty(parent, level, "cpuset.cpus", false);
            }
        }
        return box;
    }

    private static void copyIfEmpty(Path parent, Path dir, String file, boolean always) throws IOException {
        if (always || CgroupFiles.read(dir.resolve(file)).isBlank()) {
            CgroupFiles.write(dir.resolve(file), CgroupFiles.read(parent.resolve(file)).trim());
        }
    }

    /**
     * Creates {@code rel} under the cpu mount with a bandwidth cap of one CPU: however many threads a run
     * starts, together they get at most one period of CPU time per period.
     *
     * @return the box's cpu directory
     */
    static Path createCapped(Path mount, String rel) throws IOException {
        Path dir = mount.resolve(rel);
        CgroupFiles.mkdirs(dir);
        if (Files.exists(dir.resolve("cpu.cfs_period_us"))) {
            CgroupFiles.write(dir.resolve("cpu.cfs_period_us"), Long.toString(PERIOD_US));
        }
        CgroupFiles.write(dir.resolve("cpu.cfs_quota_us"), Long.toString(PERIOD_US));
        return dir;
    }
}
