package dev.judge.core.pipeline;

import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TraceContext;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.function.Supplier;

/**
 * Hooks around each phase of judging, for metrics and tracing. Every method has a do-nothing default, so an
 * observer overrides only what it needs. Called from judging threads at once: implementations are thread-safe
 * and quick, and {@link #observe} must run {@code work} exactly once and return its result.
 */
public interface JudgeObserver {

    /** An observer that observes nothing. */
    JudgeObserver NONE = new JudgeObserver() {
    };

    /** The phases a submission goes through once a judge has it. */
    enum Phase {
        /** One real compile (cache hits are not compiles). */
        COMPILE,
        /** One test's run in the sandbox. */
        RUN,
        /** One comparison of a run's output, by a comparator or a checker program. */
        CHECK,
        /** A queue worker storing a job's finished result and acknowledging the job ({@code JobQueue.complete}). */
        STORE
    }

    /** Runs {@code work} as one {@code phase} of a submission in {@code languageId}. */
    default <T> T observe(Phase phase, String languageId, Supplier<T> work) {
        return work.get();
    }

    /** A submission finished with {@code result}. */
    default void finished(String languageId, SubmissionResult result) {
    }

    /**
     * A queue worker stored the finished result of a job in {@code languageId}: its phase times, complete with the
     * queue wait and the store calls before the final one, and {@code finalWrite}, how long storing the finished
     * result and acknowledging its job took (not part of {@code phases}, which are stored with it). Synchronous
     * calls do not come here; their phases are in the result given to {@link #finished}.
     */
    default void judged(String languageId, PhaseTimes phases, Duration finalWrite) {
    }

    /** A queued job waited {@code waited} before a worker claimed it. */
    default void queueWait(String languageId, Duration waited) {
    }

    /**
     * The calling thread's trace, to travel with a job it queues; {@link TraceContext#NONE} when the thread is not
     * traced or the observer does not trace. Called by {@code submit} on the submitter's thread.
     */
    default TraceContext currentTrace() {
        return TraceContext.NONE;
    }

    /**
     * Runs {@code work}, a worker judging and storing one claimed job, inside the trace {@code trace} the job was
     * submitted in (a new trace when it is empty); {@code enqueuedAt} to now was its wait in the queue. The phases
     * {@code work} observes belong to it. Must run {@code work} exactly once and let its exceptions through.
     */
    default void judgeJob(String jobId, String languageId, TraceContext trace, Instant enqueuedAt, Runnable work) {
        work.run();
    }

    /**
     * {@code task} made to run, on whichever thread, in the context the calling thread observes in now, so the
     * phases a sandbox slot observes for a submission belong to that submission's trace.
     */
    default <T> Callable<T> carry(Callable<T> task) {
        return task;
    }
}
