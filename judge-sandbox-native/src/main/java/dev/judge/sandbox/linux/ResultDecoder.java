package dev.judge.sandbox.linux;

import static dev.judge.core.sandbox.TerminationRule.Limit.CPU_TIME;
import static dev.judge.core.sandbox.TerminationRule.Limit.FILE_SIZE;
import static dev.judge.core.sandbox.TerminationRule.Limit.MEMORY;
import static dev.judge.core.sandbox.TerminationRule.Limit.OUTPUT;
import static dev.judge.core.sandbox.TerminationRule.Limit.WALL_TIME;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.ExitStatus;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.sandbox.TerminationRule;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/** Turns the helper's report of a run, and the box cgroup's figures for it, into the run's result. */
final class ResultDecoder {
    /**
     * The helper's evidence of the file size limit is proof (RLIMIT_FSIZE is the limit plus one byte, so only
     * a file over the limit sets the flag), so it ranks with the output cap. The box's cgroup holds the run
     * alone and counts its OOM kills exactly, so memory ranks before the time limits: a run at its memory
     * limit burns CPU time in reclaim, and a fork bomb's refused forks still charge the cgroup's memory,
     * and either may pass a time limit on the way.
     */
    /** The helper's budget for collecting files (COLLECT_MAX_ENTRIES and COLLECT_MAX_DEPTH in box-isolation.h). */
    static final int COLLECT_MAX_ENTRIES = 10_000;
    static final int COLLECT_MAX_DEPTH = 16;

    static final TerminationRule RULE = TerminationRule.checking(OUTPUT, FILE_SIZE, MEMORY, CPU_TIME, WALL_TIME);

    private ResultDecoder() {
    }

    /** {@code usage}: the cgroup's figures, or {@code null} without cgroups (rusage is used instead). */
    static SandboxResult decode(Limits l, String command, Helper.Response resp, CgroupUsage usage) {
        long cpuNs = usage != null ? usage.cpuNanos() : resp.rusageCpuNs();
        long peak = usage != null ? usage.peakBytes() : resp.maxRssBytes();
        ExitStatus status = resp.has(Helper.RES_NO_STATUS) ? ExitStatus.killedBy(ExitStatus.SIGKILL)
                : ExitStatus.fromWaitStatus(resp.waitStatus());
        byte[] stderr = withCollectionNotes(resp);
        if (resp.has(Helper.RES_EXEC_FAILED)) {
            // like a shell: the command could not be started, exit code 127 and a line on stderr
            status = ExitStatus.exited(127);
            stderr = ("judge: cannot execute '" + command + "': " + errnoText(resp.execErrno()) + "\n")
                    .getBytes(StandardCharsets.UTF_8);
        }
        // without an OOM kill, an abnormal end after the cgroup reached its limit, with the peak near it, is an
        // allocation refused at the limit
        boolean memoryLimitHit = usage != null && (usage.oomKills() > 0 || status.abnormal()
                && usage.limitHits() > 0 && peak >= l.memory().bytes() * 95 / 100);
        Termination t = RULE.evidence(status)
                .outputExceeded(resp.has(Helper.RES_OUTPUT_EXCEEDED))
                .fileSizeExceeded(resp.has(Helper.RES_FILE_LIMIT))
                .memoryLimitHit(memoryLimitHit)
                .cpuLimitKilled(resp.has(Helper.RES_CPU_KILLED))
                .cpuTime(Duration.ofNanos(cpuNs), l.cpuTime())
                .wallLimitKilled(resp.has(Helper.RES_WALL_KILLED))
                .termination();
        List<SandboxFile> collected = resp.collected().stream()
                .map(f -> new SandboxFile(f.path(), f.content(), f.executable())).toList();
        return new SandboxResult(t, status.exitCode(), status.signal(), resp.stdout(), stderr,
                resp.has(Helper.RES_OUTPUT_EXCEEDED), Duration.ofNanos(Math.max(0, cpuNs)),
                Duration.ofNanos(resp.wallNs()), ByteSize.ofBytes(Math.max(0, peak)), collected, "");
    }

    /** The run's stderr, and a line for each way the collection of its files was cut short. */
    private static byte[] withCollectionNotes(Helper.Response resp) {
        StringBuilder notes = new StringBuilder();
        if (resp.has(Helper.RES_COLLECT_BUDGET)) {
            notes.append("judge: collecting output files stopped after looking at ").append(COLLECT_MAX_ENTRIES)
                    .append(" entries or ").append(COLLECT_MAX_DEPTH).append(" directories deep in the work dir; ")
                    .append(resp.collected().size()).append(" files collected\n");
        }
        if (resp.has(Helper.RES_COLLECT_TRUNCATED)) {
            notes.append("judge: collected files would exceed the sandbox's maxCollectedSize; ")
                    .append("files that did not fit were left out\n");
        }
        if (notes.isEmpty()) {
            return resp.stderr();
        }
        byte[] note = notes.toString().getBytes(StandardCharsets.UTF_8);
        byte[] err = resp.stderr();
        boolean newline = err.length > 0 && err[err.length - 1] != '\n';
        byte[] all = new byte[err.length + (newline ? 1 : 0) + note.length];
        System.arraycopy(err, 0, all, 0, err.length);
        if (newline) {
            all[err.length] = '\n';
        }
        System.arraycopy(note, 0, all, all.length - note.length, note.length);
        return all;
    }

    private static String errnoText(int errno) {
        return switch (errno) {
            case 2 -> "No such file or directory";
            case 8 -> "Exec format error";
            case 13 -> "Permission denied";
            case 7 -> "Argument list too long";
            case 12 -> "Cannot allocate memory";
            case 11 -> "Resource temporarily unavailable";
            default -> "errno " + errno;
        };
    }
}
