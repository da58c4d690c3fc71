package dev.judge.core.pipeline;

import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.SubmissionResult;
import java.time.Duration;
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
        CHECK
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
     * result took (not part of {@code phases}, which are stored with it). Synchronous calls do not come here; their
     * phases are in the result given to {@link #finished}.
     */
    default void judged(String languageId, PhaseTimes phases, Duration finalWrite) {
    }

    /** A queued job waited {@code waited} before a worker claimed it. */
    default void queueWait(String languageId, Duration waited) {
    }
}
