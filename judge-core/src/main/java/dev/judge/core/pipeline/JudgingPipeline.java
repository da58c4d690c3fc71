package dev.judge.core.pipeline;

import dev.judge.core.model.JudgeEvent;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import java.util.function.Consumer;

/**
 * Compiles a submission once, runs its tests in the sandbox, compares and aggregates. The same pipeline serves
 * synchronous calls and queue workers.
 */
@FunctionalInterface
public interface JudgingPipeline {

    /**
     * Judges a submission that was already validated and blocks until it is finished.
     *
     * @param submissionId the id reported in results and events
     * @param submission   what to judge
     * @param events       receives progress events in order, on the judging threads; must not block
     * @return the finished result; failures of the judge are an {@code IE} verdict, not an exception
     */
    SubmissionResult judge(String submissionId, Submission submission, Consumer<JudgeEvent> events);
}
