package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.OptionalInt;

/**
 * The cgroup(s) of one box. The helper holds the per-run file work (it writes the reset files and reads the
 * stat files through descriptors it keeps open, right before and after each run); the driver names the files,
 * writes limits and turns the readings into usage. Not thread-safe.
 */
interface BoxCgroup {

    /** The {@code cgroup.procs} files the helper's box init writes itself into. */
    List<Path> procsFiles();

    /** The CPU the box's processes are pinned to; empty when the box is not placed. */
    default OptionalInt cpu() {
        return OptionalInt.empty();
    }

    /** The file the helper polls for CPU usage while a run is going. */
    Path cpuFile();

    /** Whether {@link #cpuFile()} is a v2 {@code cpu.stat} (else a v1 {@code cpuacct.usage}). */
    boolean cpuIsV2();

    /** Files the helper writes {@code 0} to before each run: peaks and counters that restart per run. */
    List<Path> resetFiles();

    /** Files the helper reads right before and right after each run, in this order. */
    List<Path> statFiles();

    /** Applies the run's limits; control files are written only when a limit changes. */
    void prepare(Limits limits) throws IOException;

    /**
     * Called when a run ended without readings (the helper failed or died): processes may have run on and
     * charged memory the next run would otherwise see.
     */
    default void runEndedAbnormally() {
    }

    /** What the run used, from the helper's readings of {@link #statFiles()}. */
    CgroupUsage usage(CgroupReadings readings);

    /** Process ids still in the cgroup. */
    List<Integer> pids() throws IOException;

    /**
     * Tasks the cgroup's pids controller still counts, dead ones not yet reaped included (those are no
     * longer listed in {@code cgroup.procs} but still count against the process limit).
     */
    long taskCount() throws IOException;

    /** Removes the cgroup directories; the cgroup must be empty. */
    void remove() throws IOException;
}
