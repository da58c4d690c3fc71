package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PhaseTimesTest {

    private static Duration ms(long v) {
        return Duration.ofMillis(v);
    }

    @Test
    void addsUpTheRunsAndKnowsTheSlowest() {
        PhaseTimes p = new PhaseTimes(ms(1), ms(2), List.of(ms(5), ms(9), ms(3)), ms(4), ms(6), ms(20));
        assertThat(p.runsTotal()).isEqualTo(ms(17));
        assertThat(p.slowestRun()).isEqualTo(ms(9));
        assertThat(PhaseTimes.NONE.slowestRun()).isZero();
        assertThat(PhaseTimes.NONE.runsTotal()).isZero();
    }

    @Test
    void theWorkerFillsInWhatOnlyItSees() {
        PhaseTimes pipeline = new PhaseTimes(Duration.ZERO, ms(2), List.of(ms(5)), ms(1), Duration.ZERO, ms(9));
        PhaseTimes worker = pipeline.withWorkerTimes(ms(7), ms(3), ms(19));
        assertThat(worker).isEqualTo(new PhaseTimes(ms(7), ms(2), List.of(ms(5)), ms(1), ms(3), ms(19)));
    }

    @Test
    void refusesNegativeAndMissingTimesNamingThem() {
        assertThatThrownBy(() -> new PhaseTimes(ms(-1), ms(0), List.of(), ms(0), ms(0), ms(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("queued");
        assertThatThrownBy(() -> new PhaseTimes(ms(0), ms(0), List.of(ms(1), ms(-2)), ms(0), ms(0), ms(0)))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("runs[1]");
        assertThatThrownBy(() -> new PhaseTimes(ms(0), null, List.of(), ms(0), ms(0), ms(0)))
                .isInstanceOf(NullPointerException.class).hasMessageContaining("compile");
    }

    @Test
    void aResultWithoutPhasesHasNone() {
        SubmissionResult r = new SubmissionResult("s", Status.FINISHED, "", List.of(), Verdict.ACCEPTED, 0, 0,
                java.time.Instant.EPOCH);
        assertThat(r.phases()).isEqualTo(PhaseTimes.NONE);
        assertThat(r.withPhases(PhaseTimes.NONE.withWorkerTimes(ms(1), ms(0), ms(1))).phases().queued())
                .isEqualTo(ms(1));
    }
}
