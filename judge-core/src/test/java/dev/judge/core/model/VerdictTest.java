package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class VerdictTest {

    @Test
    void codesAreStable() {
        assertThat(List.of(Verdict.ACCEPTED, Verdict.WRONG_ANSWER, Verdict.PRESENTATION_ERROR, Verdict.CPU_TIME_LIMIT,
                Verdict.WALL_TIME_LIMIT, Verdict.MEMORY_LIMIT, Verdict.OUTPUT_LIMIT, Verdict.RuntimeError.signal(11),
                Verdict.COMPILATION_ERROR, new Verdict.InternalError("x"), Verdict.SKIPPED))
                .extracting(Verdict::code)
                .containsExactly("AC", "WA", "PE", "TLE", "TLE", "MLE", "OLE", "RE", "CE", "IE", "SK");
    }

    @Test
    void timeLimitsKeepTheirClockAndRuntimeErrorsTheirCause() {
        assertThat(Verdict.CPU_TIME_LIMIT).isNotEqualTo(Verdict.WALL_TIME_LIMIT);
        assertThat(Verdict.RuntimeError.signal(9).signalled()).isTrue();
        assertThat(Verdict.RuntimeError.exit(3)).satisfies(r -> {
            assertThat(r.signalled()).isFalse();
            assertThat(r.exitCode()).isEqualTo(3);
        });
        assertThat(Verdict.ACCEPTED.isAccepted()).isTrue();
        assertThat(Verdict.WRONG_ANSWER.isAccepted()).isFalse();
    }

    @Test
    void finishedResultNeedsAVerdict() {
        assertThat(SubmissionResult.queued("s1", Instant.EPOCH).isFinished()).isFalse();
        assertThatThrownBy(() -> new SubmissionResult("s1", Status.FINISHED, "", List.of(), null, 0, 0, Instant.EPOCH))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
