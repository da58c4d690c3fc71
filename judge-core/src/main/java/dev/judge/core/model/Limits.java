package dev.judge.core.model;

import java.time.Duration;

/**
 * Resource limits of one sandboxed run. Every field is required; start from {@link #defaults()} and
 * change what differs with the {@code with*} methods.
 *
 * @param cpuTime    CPU time of all processes of the run (user + system)
 * @param wallTime   elapsed real time before the run is killed
 * @param memory     memory of all processes of the run (resident + swap)
 * @param processes  processes and threads alive at once, the run's first process included
 * @param outputSize bytes kept of stdout and of stderr each; more is output limit exceeded
 * @param fileSize   largest file the run may write
 * @param stack      stack size of each process
 * @param openFiles  open file descriptors per process
 * @param network    whether the run may use the network
 */
public record Limits(
        Duration cpuTime,
        Duration wallTime,
        ByteSize memory,
        int processes,
        ByteSize outputSize,
        ByteSize fileSize,
        ByteSize stack,
        int openFiles,
        boolean network) {

    /** Bounds no configuration can lift: past them a value is a mistake, not a limit. */
    public static final Duration MAX_TIME = Duration.ofMinutes(10);
    public static final ByteSize MAX_MEMORY = ByteSize.ofGiB(64);
    public static final int MAX_PROCESSES = 4096;
    public static final int MAX_OPEN_FILES = 65536;

    private static final Limits DEFAULTS = new Limits(
            Duration.ofSeconds(2), Duration.ofSeconds(5), ByteSize.ofMiB(256), 1,
            ByteSize.ofMiB(16), ByteSize.ofMiB(16), ByteSize.ofMiB(64), 64, false);

    public Limits {
        Checks.notNull(cpuTime, "limits.cpuTime");
        Checks.notNull(wallTime, "limits.wallTime");
        Checks.notNull(memory, "limits.memory");
        Checks.notNull(outputSize, "limits.outputSize");
        Checks.notNull(fileSize, "limits.fileSize");
        Checks.notNull(stack, "limits.stack");
        checkTime(cpuTime, "limits.cpuTime");
        checkTime(wallTime, "limits.wallTime");
        Checks.check(memory.bytes() >= 1024 * 1024 && !memory.isGreaterThan(MAX_MEMORY),
                "limits.memory", () -> "must be between 1MiB and " + MAX_MEMORY + ", was " + memory);
        Checks.check(processes >= 1 && processes <= MAX_PROCESSES,
                "limits.processes", () -> "must be between 1 and " + MAX_PROCESSES + ", was " + processes);
        Checks.check(outputSize.bytes() >= 1 && !outputSize.isGreaterThan(ByteSize.ofGiB(1)),
                "limits.outputSize", () -> "must be between 1B and 1GiB, was " + outputSize);
        Checks.check(!fileSize.isGreaterThan(ByteSize.ofGiB(16)),
                "limits.fileSize", () -> "must be at most 16GiB, was " + fileSize);
        Checks.check(stack.bytes() >= 64 * 1024 && !stack.isGreaterThan(MAX_MEMORY),
                "limits.stack", () -> "must be between 64KiB and " + MAX_MEMORY + ", was " + stack);
        Checks.check(openFiles >= 3 && openFiles <= MAX_OPEN_FILES,
                "limits.openFiles", () -> "must be between 3 and " + MAX_OPEN_FILES + ", was " + openFiles);
    }

    private static void checkTime(Duration d, String field) {
        Checks.check(!d.isNegative() && !d.isZero() && d.compareTo(MAX_TIME) <= 0,
                field, () -> "must be more than 0 and at most " + MAX_TIME + ", was " + d);
    }

    /** 2 s CPU, 5 s wall, 256 MiB, 1 process, 16 MiB output and files, 64 MiB stack, 64 files, no network. */
    public static Limits defaults() {
        return DEFAULTS;
    }

    public Limits withCpuTime(Duration v) {
        return new Limits(v, wallTime, memory, processes, outputSize, fileSize, stack, openFiles, network);
    }

    public Limits withWallTime(Duration v) {
        return new Limits(cpuTime, v, memory, processes, outputSize, fileSize, stack, openFiles, network);
    }

    public Limits withMemory(ByteSize v) {
        return new Limits(cpuTime, wallTime, v, processes, outputSize, fileSize, stack, openFiles, network);
    }

    public Limits withProcesses(int v) {
        return new Limits(cpuTime, wallTime, memory, v, outputSize, fileSize, stack, openFiles, network);
    }

    public Limits withOutputSize(ByteSize v) {
        return new Limits(cpuTime, wallTime, memory, processes, v, fileSize, stack, openFiles, network);
    }

    public Limits withFileSize(ByteSize v) {
        return new Limits(cpuTime, wallTime, memory, processes, outputSize, v, stack, openFiles, network);
    }

    public Limits withStack(ByteSize v) {
        return new Limits(cpuTime, wallTime, memory, processes, outputSize, fileSize, v, openFiles, network);
    }

    public Limits withOpenFiles(int v) {
        return new Limits(cpuTime, wallTime, memory, processes, outputSize, fileSize, stack, v, network);
    }

    public Limits withNetwork(boolean v) {
        return new Limits(cpuTime, wallTime, memory, processes, outputSize, fileSize, stack, openFiles, v);
    }
}
