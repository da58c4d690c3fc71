package dev.judge.sandbox.docker;

import static dev.judge.core.sandbox.TerminationRule.Limit.CPU_TIME;
import static dev.judge.core.sandbox.TerminationRule.Limit.FILE_SIZE;
import static dev.judge.core.sandbox.TerminationRule.Limit.MEMORY;
import static dev.judge.core.sandbox.TerminationRule.Limit.OUTPUT;
import static dev.judge.core.sandbox.TerminationRule.Limit.WALL_TIME;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.ExitStatus;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.sandbox.TerminationRule;
import java.time.Duration;
import java.util.List;

/** Turns the runner's result record into the run's result, and whether the container may serve again. */
final class RunnerResults {
    /**
     * The runner ends a run at the output cap and at the time limits itself, and says so (its reason), so
     * those rank first. The OOM flag only says that the container's OOM killer took some process during the
     * run (a fork bomb's children, say, on the way to its time limit), so it ranks after the runner's own
     * reasons. A file at the file size limit (or a SIGXFSZ) is the weakest sign, since a program may write
     * exactly that many bytes, so it ranks last.
     */
    static final TerminationRule RULE = TerminationRule.checking(OUTPUT, CPU_TIME, WALL_TIME, MEMORY, FILE_SIZE);

    private RunnerResults() {
    }

    /** The runner's answer as a result; a run the runner could not start is a sandbox failure. */
    static RunOutcome decode(Limits limits, String command, RunnerProtocol.Response r) {
        // What the runner could not clear after the run, or a change to its own limits, priority or CPUs.
        boolean mustRecycle = !r.get("recycle").isEmpty();
        if (!r.get("refused").isEmpty()) {
            // The runner did not run the command: it may go again on another container.
            return new RunOutcome(SandboxResult.failure("the runner refused the run: " + r.get("setup_error")),
                    true, true);
        }
        if (!r.get("setup_error").isEmpty()) {
            return new RunOutcome(SandboxResult.failure("cannot prepare the work dir: " + r.get("setup_error")),
                    mustRecycle);
        }
        if (r.getLong("exec_errno") != 0) {
            return new RunOutcome(SandboxResult.failure("cannot start '" + command + "': " + r.get("exec_error")),
                    mustRecycle);
        }
        String reason = r.get("reason");
        boolean oom = r.getLong("oom") != 0;
        ExitStatus status = r.getLong("exited") != 0 ? ExitStatus.exited((int) r.getLong("exit"))
                : ExitStatus.killedBy((int) r.getLong("signal"));
        Duration cpu = Duration.ofNanos(r.getLong("cpu_us") * 1000);
        Duration wall = Duration.ofNanos(r.getLong("wall_us") * 1000);
        ByteSize peak = ByteSize.ofKiB(r.getLong("maxrss_kb"));
        boolean truncated = r.getLong("truncated") != 0;

        // The runner cuts the output only past the cap; its reason says "output" only when it killed the run for
        // that, which it cannot once the run has ended with the excess still in the pipe (a shell's last write).
        Termination termination = RULE.evidence(status)
                .outputExceeded(truncated)
                .cpuLimitKilled(reason.equals("cpu"))
                .cpuTime(cpu, limits.cpuTime())
                .wallLimitKilled(reason.equals("wall"))
                .memoryLimitHit(oom)
                .fileSizeExceeded(r.getLong("fsize") != 0)
                .termination();
        if (termination == Termination.MEMORY_LIMIT && peak.compareTo(limits.memory()) < 0) {
            // The OOM kill came at the limit; maxrss of the killed process can lag behind it.
            peak = limits.memory();
        }
        boolean recycle = mustRecycle || oom || reason.equals("cpu") || reason.equals("wall") || reason.equals("leftovers")
                || termination == Termination.CPU_TIME_LIMIT;
        SandboxResult result = new SandboxResult(termination,
                termination == Termination.EXITED ? status.exitCode() : -1,
                termination == Termination.EXITED ? 0 : status.signal(),
                r.stdout(), r.stderr(), truncated, cpu, wall, peak, r.files(), "");
        return new RunOutcome(result, recycle, false, r.getLong("end_us"));
    }

    /**
     * The run filled the container's memory (tmpfs files count) until the OOM killer took the runner too:
     * the run's own figures died with it, the wall time is the sandbox's view.
     */
    static SandboxResult runnerOomKilled(Limits limits, Duration wall) {
        return new SandboxResult(Termination.MEMORY_LIMIT, -1, ExitStatus.SIGKILL, new byte[0], new byte[0], false,
                Duration.ZERO, wall, limits.memory(), List.of(), "");
    }
}
