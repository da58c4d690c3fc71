package dev.judge.core.worker;

import dev.judge.core.model.SubmissionResult;
import dev.judge.core.pipeline.JudgeObserver;
import dev.judge.core.pipeline.JudgingPipeline;
import dev.judge.core.queue.ClaimedJob;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JudgeJob;
import dev.judge.core.store.ResultStore;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What each claiming thread runs until the worker stops: claim a job, judge it with the lease kept and progress
 * written, store the result and acknowledge; a job that fails goes back to the queue.
 */
final class ClaimLoop {
    private static final Logger LOG = LoggerFactory.getLogger(Worker.class);
    private static final Duration PAUSE_AFTER_QUEUE_FAILURE = Duration.ofSeconds(1);

    /** What the loop works with; the parts are the worker's. */
    record Parts(JobQueue queue, ResultStore store, JudgingPipeline pipeline, Set<String> languages,
            Duration claimWait, JudgeObserver observer, LeaseKeeper leases, ProgressWriter progress,
            FailedJobs failed) {
    }

    private final Parts p;
    private final BooleanSupplier stopping;
    private final String name;

    ClaimLoop(Parts parts, BooleanSupplier stopping, String name) {
        this.p = parts;
        this.stopping = stopping;
        this.name = name;
    }

    void run(ClaimingThread claimer) {
        while (!stopping.getAsBoolean()) {
            Optional<ClaimedJob> claimed;
            if (!claimer.beginClaim()) {
                break;
            }
            try {
                claimed = p.queue().claim(p.languages(), p.claimWait());
            } catch (InterruptedException e) {
                continue; // close() interrupts idle claims; the loop condition decides
            } catch (RuntimeException e) {
                LOG.warn("{}: claiming failed, pausing {}", name, PAUSE_AFTER_QUEUE_FAILURE, e);
                pause();
                continue;
            } finally {
                claimer.endClaim();
            }
            // A job's completion claims the next one where it can (one commit for both on the JDBC queue), so a
            // busy thread goes from job to job without coming back here.
            while (claimed.isPresent()) {
                if (claimer.begin(claimed.get())) {
                    claimed = judge(claimer, claimed.get());
                } else {
                    // The claim outlived close() (a queue that ignores interrupts): hand the job straight back.
                    p.failed().giveBack(claimed.get(), "worker closed");
                    claimed = Optional.empty();
                }
            }
        }
    }

    private static Duration nonNegative(Duration d) {
        return d.isNegative() ? Duration.ZERO : d;
    }

    private void pause() {
        try {
            Thread.sleep(PAUSE_AFTER_QUEUE_FAILURE.toMillis());
        } catch (InterruptedException e) {
            // close() woke us; the loop condition decides
        }
    }

    /** Judges {@code claimed}; returns the next job its completion claimed, if any. */
    private Optional<ClaimedJob> judge(ClaimingThread claimer, ClaimedJob claimed) {
        JudgeJob job = claimed.job();
        // Accept and claim may be on two nodes' clocks: a wait that comes out negative is counted as none.
        Duration queued = nonNegative(Duration.between(job.enqueuedAt(), Instant.now()));
        if (claimed.attempt() == 1) {
            try {
                p.observer().queueWait(job.languageId(), queued);
            } catch (RuntimeException e) {
                LOG.warn("{}: the judge observer failed on job {}", name, job.id(), e);
            }
        }
        AtomicReference<ClaimedJob> next = new AtomicReference<>(); // what the observer's Runnable hands back
        try {
            p.observer().judgeJob(job.id(), job.languageId(), job.trace(), job.enqueuedAt(),
                    () -> judgeInTrace(claimer, claimed, queued).ifPresent(next::set));
        } catch (RuntimeException e) {
            // Only the observer's own failures get here; if the work never ran, the lease runs out and the job
            // is handed out again.
            LOG.warn("{}: the judge observer failed around job {}", name, job.id(), e);
        } finally {
            claimer.end();
            Thread.interrupted(); // an interrupt meant for this job must not reach the next claim
        }
        if (next.get() != null && stopping.getAsBoolean()) {
            // claimed as close() began: a closing worker takes nothing new
            p.failed().giveBack(next.get(), "worker closed");
            return Optional.empty();
        }
        return Optional.ofNullable(next.get());
    }

    private Optional<ClaimedJob> judgeInTrace(ClaimingThread claimer, ClaimedJob claimed, Duration queued) {
        JudgeJob job = claimed.job();
        ScheduledFuture<?> lease = null;
        ProgressWriter.JobProgress progress = p.progress().of(job);
        try {
            long findStart = System.nanoTime();
            Optional<SubmissionResult> stored = p.store().find(job.id());
            Duration findTime = Duration.ofNanos(System.nanoTime() - findStart);
            if (stored.isPresent() && stored.get().isFinished()) {
                LOG.debug("{}: job {} already has a final result; acknowledging it", name, job.id());
                if (claimer.finishing()) {
                    p.queue().ack(claimed);
                }
                return Optional.empty();
            }
            lease = p.leases().keep(claimed);
            SubmissionResult result = p.pipeline().judge(job.id(), job.submission(), progress);
            if (result == null || !result.isFinished() || !result.submissionId().equals(job.id())) {
                throw new IllegalStateException("the pipeline returned no finished result for " + job.id()
                        + ": " + result);
            }
            progress.finish();
            lease.cancel(false);
            if (!claimer.finishing()) {
                return Optional.empty(); // close() gave the job back already
            }
            // The pipeline measured compile, runs and checks; the worker adds what only it sees.
            result = result.withPhases(result.phases().withWorkerTimes(queued,
                    findTime.plus(progress.writeTime()),
                    nonNegative(Duration.between(job.enqueuedAt(), Instant.now()))));
            long saveStart = System.nanoTime();
            SubmissionResult finished = result;
            // Stored (unless an earlier delivery's result stands) and acknowledged, and the next job claimed unless
            // the worker is stopping: in one commit where the queue and the store share a database.
            boolean claimNext = !stopping.getAsBoolean();
            JobQueue.Completion done = p.observer().observe(JudgeObserver.Phase.STORE, job.languageId(),
                    () -> claimNext ? p.queue().completeAndClaim(claimed, finished, p.store(), p.languages())
                            : new JobQueue.Completion(p.queue().complete(claimed, finished, p.store()),
                                    Optional.empty()));
            boolean acked = done.acked();
            Duration saveTime = Duration.ofNanos(System.nanoTime() - saveStart);
            LOG.debug("{}: job {} judged: {} in {} ms from acceptance", name, job.id(), result.verdict().code(),
                    result.phases().total().toMillis());
            try {
                p.observer().judged(job.languageId(), result.phases(), saveTime);
            } catch (RuntimeException e) {
                LOG.warn("{}: the judge observer failed on job {}", name, job.id(), e);
            }
            if (!acked) {
                LOG.info("{}: lease of job {} was lost before ack; its result is stored once", name, job.id());
            }
            return done.next();
        } catch (RuntimeException | Error e) {
            progress.stop();
            if (lease != null) {
                lease.cancel(false);
            }
            if (claimer.finishing()) {
                LOG.warn("{}: judging job {} failed on attempt {}", name, job.id(), claimed.attempt(), e);
                p.failed().giveBack(claimed, String.valueOf(e));
            }
            return Optional.empty();
        }
    }
}
