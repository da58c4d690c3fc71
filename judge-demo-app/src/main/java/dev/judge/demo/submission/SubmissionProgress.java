package dev.judge.demo.submission;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves a submission's stored {@code status} forward (COMPILING, RUNNING) as the judge reports it, once per step, so
 * listings and readers without the judge's live state see that judging has begun.
 */
@Component
@Order(2)
public class SubmissionProgress implements ResultHandler {
    private final SubmissionRepository submissions;
    private final StatusSteps steps = new StatusSteps();

    public SubmissionProgress(SubmissionRepository submissions) {
        this.submissions = submissions;
    }

    @Override
    public void handle(SubmissionResult result) {
        Status step = steps.step(result);
        if (step != null) {
            submissions.advance(result.submissionId(), step);
        }
    }
}
