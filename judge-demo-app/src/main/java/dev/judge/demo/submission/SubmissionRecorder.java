package dev.judge.demo.submission;

import dev.judge.core.model.SubmissionResult;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.ResultHandler;
import java.util.List;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * Writes final results into {@code submissions}; the node whose write lands first tells the
 * {@link FinishListener}s (webhooks), so a finish is acted on once however many nodes hear of it.
 */
@Component
@Order(0)
public class SubmissionRecorder implements ResultHandler {
    private final SubmissionRepository submissions;
    private final List<FinishListener> listeners;

    public SubmissionRecorder(SubmissionRepository submissions, List<FinishListener> listeners) {
        this.submissions = submissions;
        this.listeners = List.copyOf(listeners);
    }

    @Override
    public void handle(SubmissionResult result) {
        if (!result.isFinished()) {
            return;
        }
        if (submissions.finish(result.submissionId(), ResultDocument.of(result), result.updatedAt())) {
            submissions.find(result.submissionId()).ifPresent(row -> listeners.forEach(l -> l.finished(row)));
        }
    }

    @Override
    public List<String> unfinished() {
        return submissions.unfinished(10_000);
    }
}
