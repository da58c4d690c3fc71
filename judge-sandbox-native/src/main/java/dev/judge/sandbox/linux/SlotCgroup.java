package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

/** The cgroup(s) of one slot: set limits before a run, read what it used after. Not thread-safe. */
interface SlotCgroup {

    /** The {@code cgroup.procs} files the helper's box init writes itself into. */
    List<Path> procsFiles();

    /** The file the helper polls for CPU usage while a run is going. */
    Path cpuFile();

    /** Whether {@link #cpuFile()} is a v2 {@code cpu.stat} (else a v1 {@code cpuacct.usage}). */
    boolean cpuIsV2();

    /** Applies the run's limits and takes the baselines the next {@link #usage()} is measured from. */
    void prepare(Limits limits) throws IOException;

    /**
     * Drops counter values kept from the previous run, so the next {@link #prepare} reads them afresh:
     * called when a run ended abnormally and processes may have run on after the last reading.
     */
    default void forgetBaselines() {
    }

    /** Usage since the last {@link #prepare}. */
    CgroupUsage usage() throws IOException;

    /** Process ids still in the cgroup. */
    List<Integer> pids() throws IOException;

    /**
     * Tasks the cgroup's pids controller still counts, dead ones not yet reaped included (those are no
     * longer listed in {@code cgroup.procs} but still take a slot of the process limit).
     */
    long taskCount() throws IOException;

    /** Removes the cgroup directories; the cgroup must be empty. */
    void remove() throws IOException;
}
