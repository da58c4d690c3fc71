package dev.judge.demo.judge0;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.demo.submission.ResultHandler;
import dev.judge.demo.submission.StatusSteps;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/** Moves a Judge0 submission's stored {@code status} forward as the judge reports it, once per step. */
@Component
@Order(3)
class Judge0Progress implements ResultHandler {
    private final Judge0Repository repository;
    private final StatusSteps steps = new StatusSteps();

    Judge0Progress(Judge0Repository repository) {
        this.repository = repository;
    }

    @Override
    public void handle(SubmissionResult result) {
        Status step = steps.step(result);
        if (step != null) {
            repository.advance(result.submissionId(), step);
        }
    }
}
