package dev.judge.core.sandbox;

import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;

/**
 * Turns what a sandbox saw of a finished run into the {@link Termination} it reports: the one place where
 * the exit status, SIGXCPU and SIGXFSZ, memory-limit kills and the sandbox's own time-limit kills get their
 * meaning. A sandbox gathers the evidence its own way (a helper's flags, a runner's report, cgroup
 * counters) and states, once, in which order its limits are checked when the evidence names more than one:
 * that order is the sandbox's to choose, because how sure each piece of evidence is depends on how it was
 * gathered.
 *
 * <pre>{@code
 * static final TerminationRule RULE = TerminationRule.checking(Limit.OUTPUT, Limit.FILE_SIZE, Limit.MEMORY,
 *         Limit.CPU_TIME, Limit.WALL_TIME);
 *
 * Termination t = RULE.evidence(ExitStatus.fromWaitStatus(status))
 *         .outputExceeded(cut).memoryLimitHit(oomKills > 0).cpuTime(used, limits.cpuTime())
 *         .wallLimitKilled(late).termination();
 * }</pre>
 *
 * <p>Instances are immutable and thread-safe; an {@link Evidence} belongs to one run.
 */
public final class TerminationRule {

    /** A limit a run can end at, with the evidence that counts for it. */
    public enum Limit {
        /** Standard output or error over its cap. */
        OUTPUT(Termination.OUTPUT_LIMIT),
        /** A file over the file size limit, or the process killed by {@link ExitStatus#SIGXFSZ}. */
        FILE_SIZE(Termination.OUTPUT_LIMIT),
        /** The memory limit reached (an OOM kill, or the sandbox's own sign of an allocation refused at it). */
        MEMORY(Termination.MEMORY_LIMIT),
        /**
         * The sandbox stopped the run at its CPU limit, the CPU time used is over the limit, or the process
         * was killed by {@link ExitStatus#SIGXCPU}.
         */
        CPU_TIME(Termination.CPU_TIME_LIMIT),
        /** The sandbox stopped the run at its wall time limit. */
        WALL_TIME(Termination.WALL_TIME_LIMIT);

        private final Termination termination;

        Limit(Termination termination) {
            this.termination = termination;
        }

        /** What a run that ended at this limit reports. */
        public Termination termination() {
            return termination;
        }
    }

    private final List<Limit> order;

    private TerminationRule(List<Limit> order) {
        this.order = order;
    }

    /**
     * A rule that checks the limits in the given order, the first one with evidence deciding; a run with
     * evidence for none ended by itself ({@link Termination#EXITED}) or by a signal of its own
     * ({@link Termination#SIGNALED}).
     *
     * @param order every {@link Limit}, each once
     * @throws IllegalArgumentException when a limit is missing or repeated
     */
    public static TerminationRule checking(Limit... order) {
        Objects.requireNonNull(order, "order");
        List<Limit> list = List.of(order);
        if (list.size() != Limit.values().length || !EnumSet.copyOf(list).equals(EnumSet.allOf(Limit.class))) {
            throw new IllegalArgumentException("the order must name every limit once, was " + list);
        }
        return new TerminationRule(list);
    }

    /** The order the limits are checked in. */
    public List<Limit> order() {
        return order;
    }

    /** Starts the evidence of one run whose first process ended as {@code status}; nothing else is known yet. */
    public Evidence evidence(ExitStatus status) {
        return new Evidence(this, Objects.requireNonNull(status, "status"));
    }

    /** What one run showed; each setter records one fact, {@link #termination()} applies the rule. */
    public static final class Evidence {
        private final TerminationRule rule;
        private final ExitStatus status;
        private boolean outputExceeded;
        private boolean fileSizeExceeded;
        private boolean memoryLimitHit;
        private boolean cpuLimitKilled;
        private boolean cpuOverLimit;
        private boolean wallLimitKilled;

        private Evidence(TerminationRule rule, ExitStatus status) {
            this.rule = rule;
            this.status = status;
        }

        /** Standard output or error went over its cap (and the sandbox stopped the run). */
        public Evidence outputExceeded(boolean exceeded) {
            this.outputExceeded = exceeded;
            return this;
        }

        /** A file went over the file size limit; a kill by SIGXFSZ counts without this. */
        public Evidence fileSizeExceeded(boolean exceeded) {
            this.fileSizeExceeded = exceeded;
            return this;
        }

        /** The memory limit stopped the run: an OOM kill, or the sandbox's own sign of one. */
        public Evidence memoryLimitHit(boolean hit) {
            this.memoryLimitHit = hit;
            return this;
        }

        /** The sandbox killed the run at its CPU time limit. */
        public Evidence cpuLimitKilled(boolean killed) {
            this.cpuLimitKilled = killed;
            return this;
        }

        /** The CPU time the run used, against its limit: more than the limit counts as a CPU time limit. */
        public Evidence cpuTime(Duration used, Duration limit) {
            Objects.requireNonNull(used, "used");
            Objects.requireNonNull(limit, "limit");
            this.cpuOverLimit = used.compareTo(limit) > 0;
            return this;
        }

        /** The sandbox killed the run at its wall time limit. */
        public Evidence wallLimitKilled(boolean killed) {
            this.wallLimitKilled = killed;
            return this;
        }

        /** Why the run stopped: the first limit of the rule's order with evidence, else how the process ended. */
        public Termination termination() {
            for (Limit limit : rule.order) {
                if (holds(limit)) {
                    return limit.termination();
                }
            }
            return status.signaled() ? Termination.SIGNALED : Termination.EXITED;
        }

        private boolean holds(Limit limit) {
            return switch (limit) {
                case OUTPUT -> outputExceeded;
                case FILE_SIZE -> fileSizeExceeded || status.signal() == ExitStatus.SIGXFSZ;
                case MEMORY -> memoryLimitHit;
                case CPU_TIME -> cpuLimitKilled || cpuOverLimit || status.signal() == ExitStatus.SIGXCPU;
                case WALL_TIME -> wallLimitKilled;
            };
        }
    }
}
