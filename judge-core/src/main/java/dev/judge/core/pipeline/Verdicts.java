package dev.judge.core.pipeline;

import dev.judge.core.compare.Comparison;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.SandboxResult;
import java.util.Optional;

/** Turns what the sandbox and the comparator report into verdicts. */
final class Verdicts {
    private Verdicts() {
    }

    /**
     * The verdict a run earns before its output is compared, or empty when it exited with code 0 within its
     * limits and the output decides. Measured CPU time or memory over the limit counts even when the run exited:
     * a sandbox that measures rather than enforces must not let it pass.
     *
     * @param limits the limits the run was given (after the language's allowances)
     */
    static Optional<Verdict> ofRun(SandboxResult r, Limits limits) {
        return Optional.ofNullable(switch (r.termination()) {
            case SANDBOX_FAILURE -> new Verdict.InternalError(
                    "sandbox failure" + (r.message().isBlank() ? "" : ": " + r.message()));
            case CPU_TIME_LIMIT -> Verdict.CPU_TIME_LIMIT;
            case WALL_TIME_LIMIT -> Verdict.WALL_TIME_LIMIT;
            case MEMORY_LIMIT -> Verdict.MEMORY_LIMIT;
            case OUTPUT_LIMIT -> Verdict.OUTPUT_LIMIT;
            case SIGNALED -> overLimits(r, limits).orElse(Verdict.RuntimeError.signal(r.signal()));
            case EXITED -> overLimits(r, limits).orElse(r.exitCode() == 0
                    ? (r.outputTruncated() ? Verdict.OUTPUT_LIMIT : null)
                    : Verdict.RuntimeError.exit(r.exitCode()));
        });
    }

    private static Optional<Verdict> overLimits(SandboxResult r, Limits limits) {
        if (r.cpuTime().compareTo(limits.cpuTime()) > 0) {
            return Optional.of(Verdict.CPU_TIME_LIMIT);
        }
        if (r.wallTime().compareTo(limits.wallTime()) > 0) {
            return Optional.of(Verdict.WALL_TIME_LIMIT);
        }
        if (r.peakMemory().isGreaterThan(limits.memory())) {
            return Optional.of(Verdict.MEMORY_LIMIT);
        }
        return Optional.empty();
    }

    /** The verdict of a compared output. Partial points below 1 are a wrong answer that still scores. */
    static Verdict ofComparison(Comparison c) {
        return switch (c.outcome()) {
            case ACCEPTED -> Verdict.ACCEPTED;
            case WRONG_ANSWER -> Verdict.WRONG_ANSWER;
            case PRESENTATION_ERROR -> Verdict.PRESENTATION_ERROR;
            case PARTIAL -> c.fraction() >= 1.0 ? Verdict.ACCEPTED : Verdict.WRONG_ANSWER;
            case CHECKER_FAILED -> new Verdict.InternalError(
                    "checker failed" + (c.message().isBlank() ? "" : ": " + c.message()));
        };
    }

    /** The share of a test's weight a comparison earns. */
    static double fraction(Comparison c) {
        return switch (c.outcome()) {
            case ACCEPTED -> 1.0;
            case PARTIAL -> c.fraction();
            default -> 0.0;
        };
    }
}
