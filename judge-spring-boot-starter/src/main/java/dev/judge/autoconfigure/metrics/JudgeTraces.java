package dev.judge.autoconfigure.metrics;

import dev.judge.core.model.TraceContext;
import java.time.Instant;
import java.util.concurrent.Callable;

/**
 * The trace side of {@link MicrometerJudgeObserver}: the three {@link dev.judge.core.pipeline.JudgeObserver} hooks
 * that carry a submission's trace through the queue and onto the sandbox slots. Kept behind this interface so the
 * observer loads where Micrometer Tracing is absent; {@link #NONE} then.
 */
interface JudgeTraces {
    JudgeTraces NONE = new JudgeTraces() {
        @Override
        public TraceContext current() {
            return TraceContext.NONE;
        }

        @Override
        public void judgeJob(String jobId, String languageId, TraceContext trace, Instant enqueuedAt, Runnable work) {
            work.run();
        }

        @Override
        public <T> Callable<T> carry(Callable<T> task) {
            return task;
        }
    };

    TraceContext current();

    void judgeJob(String jobId, String languageId, TraceContext trace, Instant enqueuedAt, Runnable work);

    <T> Callable<T> carry(Callable<T> task);
}
