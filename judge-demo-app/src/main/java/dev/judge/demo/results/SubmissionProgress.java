package dev.judge.demo.results;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Moves a submission's stored {@code status} forward (COMPILING, RUNNING) as the judge reports it, once per step, so
 * listings and readers without the judge's live state see that judging has begun. Every table that keeps a status
 * (the server's own submissions, Judge0's) is told; the one that holds the id updates its row.
 */
@Component
@Order(2)
public class SubmissionProgress implements ResultHandler {
    private final List<StatusColumn> columns;
    private final StatusSteps steps = new StatusSteps();

    public SubmissionProgress(List<StatusColumn> columns) {
        this.columns = List.copyOf(columns);
    }

    @Override
    public void handle(SubmissionResult result) {
        Status step = steps.step(result);
        if (step != null) {
            for (StatusColumn column : columns) {
                column.advance(result.submissionId(), step);
            }
        }
    }
}
