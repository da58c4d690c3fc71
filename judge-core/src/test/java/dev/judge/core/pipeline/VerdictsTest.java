package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class VerdictsTest {
    private static final Limits LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(1))
            .withWallTime(Duration.ofSeconds(3)).withMemory(ByteSize.ofMiB(64));

    private static SandboxResult r(Termination t, int exit, int signal, Duration cpu, ByteSize peak) {
        return new SandboxResult(t, exit, signal, new byte[0], new byte[0], false, cpu, cpu, peak, List.of(), "boom");
    }

    private static Optional<Verdict> v(Termination t, int exit, int signal) {
        return Verdicts.ofRun(r(t, exit, signal, Duration.ofMillis(100), ByteSize.ofMiB(1)), LIMITS);
    }

    @Test
    void terminationsMapToVerdicts() {
        assertThat(v(Termination.CPU_TIME_LIMIT, -1, 9)).contains(Verdict.CPU_TIME_LIMIT);
        assertThat(v(Termination.WALL_TIME_LIMIT, -1, 9)).contains(Verdict.WALL_TIME_LIMIT);
        assertThat(v(Termination.MEMORY_LIMIT, -1, 9)).contains(Verdict.MEMORY_LIMIT);
        assertThat(v(Termination.OUTPUT_LIMIT, -1, 25)).contains(Verdict.OUTPUT_LIMIT);
        assertThat(v(Termination.SIGNALED, -1, 11)).contains(Verdict.RuntimeError.signal(11));
        assertThat(v(Termination.EXITED, 3, 0)).contains(Verdict.RuntimeError.exit(3));
        assertThat(v(Termination.SANDBOX_FAILURE, -1, 0)).hasValueSatisfying(x -> {
            assertThat(x).isInstanceOf(Verdict.InternalError.class);
            assertThat(((Verdict.InternalError) x).reason()).contains("boom");
        });
        assertThat(v(Termination.EXITED, 0, 0)).as("the output decides").isEmpty();
    }

    @Test
    void measuredCpuOrMemoryOverTheLimitCountsEvenWhenTheRunExited() {
        assertThat(Verdicts.ofRun(r(Termination.EXITED, 0, 0, Duration.ofMillis(1001), ByteSize.ofMiB(1)), LIMITS))
                .contains(Verdict.CPU_TIME_LIMIT);
        assertThat(Verdicts.ofRun(r(Termination.EXITED, 1, 0, Duration.ofMillis(1500), ByteSize.ofMiB(1)), LIMITS))
                .contains(Verdict.CPU_TIME_LIMIT);
        assertThat(Verdicts.ofRun(r(Termination.EXITED, 0, 0, Duration.ofMillis(10), ByteSize.ofMiB(65)), LIMITS))
                .contains(Verdict.MEMORY_LIMIT);
        assertThat(Verdicts.ofRun(r(Termination.EXITED, 0, 0, Duration.ofMillis(1000), ByteSize.ofMiB(64)), LIMITS))
                .as("exactly at the limit passes").isEmpty();
    }

    @Test
    void comparisonsMapToVerdictsAndShares() {
        assertThat(Verdicts.ofComparison(Comparison.accepted())).isEqualTo(Verdict.ACCEPTED);
        assertThat(Verdicts.ofComparison(Comparison.wrong("x"))).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(Verdicts.ofComparison(new Comparison(Outcome.PRESENTATION_ERROR, 0, "")))
                .isEqualTo(Verdict.PRESENTATION_ERROR);
        Comparison half = new Comparison(Outcome.PARTIAL, 0.5, "");
        assertThat(Verdicts.ofComparison(half)).isEqualTo(Verdict.WRONG_ANSWER);
        assertThat(Verdicts.fraction(half)).isEqualTo(0.5);
        assertThat(Verdicts.ofComparison(new Comparison(Outcome.PARTIAL, 1, ""))).isEqualTo(Verdict.ACCEPTED);
        assertThat(Verdicts.ofComparison(new Comparison(Outcome.CHECKER_FAILED, 0, "bad")))
                .isInstanceOf(Verdict.InternalError.class);
        assertThat(Verdicts.fraction(Comparison.wrong(""))).isZero();
    }
}
