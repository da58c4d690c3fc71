package dev.judge.demo.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** One status write per step, however many live snapshots (one per finished test) arrive. */
class StatusStepsTest {

    private static SubmissionResult snapshot(String id, Status status) {
        return new SubmissionResult(id, status, "", List.of(), null, 0, 0, Instant.now());
    }

    @Test
    void eachForwardStepIsReportedOnce() {
        StatusSteps steps = new StatusSteps();
        assertThat(steps.step(snapshot("a", Status.QUEUED))).isNull();
        assertThat(steps.step(snapshot("a", Status.COMPILING))).isEqualTo(Status.COMPILING);
        assertThat(steps.step(snapshot("a", Status.RUNNING))).isEqualTo(Status.RUNNING);
        for (int test = 0; test < 5; test++) {
            assertThat(steps.step(snapshot("a", Status.RUNNING))).isNull();
        }
        assertThat(steps.step(snapshot("a", Status.COMPILING))).as("never back").isNull();
        assertThat(steps.step(snapshot("b", Status.RUNNING))).as("another submission").isEqualTo(Status.RUNNING);
        assertThat(StatusSteps.earlier(Status.RUNNING)).isEqualTo("'QUEUED', 'COMPILING'");
    }
}
