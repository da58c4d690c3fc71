package dev.judge.demo.results;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The feed hands store changes on in order, and settles unfinished submissions at start. */
class ResultFeedTest {
    private final BlockingQueue<SubmissionResult> seen = new LinkedBlockingQueue<>();

    private final LiveResults live = new LiveResults();

    /**
     * A feed over a ledger holding the unfinished rows {@code unfinished}; what it hands on is seen by watchers of
     * {@code ids}. {@code replays}: whether the judge's queue is outside the ledger's database.
     */
    private ResultFeed feed(ResultStore store, List<String> unfinished, boolean replays, String... ids) {
        for (String id : ids) {
            live.watch(id, seen::add);
        }
        LedgerDatabase db = new LedgerDatabase();
        unfinished.forEach(id -> db.judge0Row(id, null));
        return new ResultFeed(store, new Recorder(db.ledger, List.of()), live, replays);
    }

    static SubmissionResult finished(String id, Verdict verdict) {
        return new SubmissionResult(id, Status.FINISHED, "", List.of(), verdict, 1, 1, Instant.now());
    }

    @Test
    void settlesWhatTheStoreFinishedOrForgotAndForwardsChanges() throws Exception {
        ResultStore store = ResultStores.inMemory();
        store.save(finished("done", Verdict.ACCEPTED));
        store.save(SubmissionResult.queued("running", Instant.now()));
        ResultFeed feed = feed(store, List.of("done", "lost", "running"), true, "done", "lost", "running", "after");
        feed.start();
        try {
            SubmissionResult first = seen.poll(5, TimeUnit.SECONDS);
            SubmissionResult second = seen.poll(5, TimeUnit.SECONDS);
            assertThat(first.submissionId()).isEqualTo("done");
            assertThat(first.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(second.submissionId()).isEqualTo("lost");
            assertThat(second.verdict()).isInstanceOf(Verdict.InternalError.class);
            assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).as("a running one is left to its worker").isNull();

            store.save(finished("running", Verdict.WRONG_ANSWER));
            assertThat(seen.poll(5, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.WRONG_ANSWER);
            feed.replay("running");
            assertThat(seen.poll(5, TimeUnit.SECONDS).submissionId()).isEqualTo("running");
        } finally {
            feed.stop();
        }
        store.save(finished("after", Verdict.ACCEPTED));
        assertThat(seen.poll(200, TimeUnit.MILLISECONDS)).as("nothing after stop").isNull();
    }

    /** An accept's replay reads and hands on only submissions a worker has already reported on. */
    @Test
    void replaysOnlySubmissionsAWorkerHasReportedOn() throws Exception {
        ResultStore store = ResultStores.inMemory();
        ResultFeed feed = feed(store, List.of(), true, "fresh", "unknown");
        feed.start();
        try {
            store.save(SubmissionResult.queued("fresh", Instant.now()));
            assertThat(seen.poll(5, TimeUnit.SECONDS).status()).isEqualTo(Status.QUEUED);
            feed.replay("fresh");
            feed.replay("unknown");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).as("nothing to replay").isNull();

            store.save(new SubmissionResult("fresh", Status.RUNNING, "", List.of(), null, 0, 0, Instant.now()));
            assertThat(seen.poll(5, TimeUnit.SECONDS).status()).isEqualTo(Status.RUNNING);
            feed.replay("fresh");
            assertThat(seen.poll(5, TimeUnit.SECONDS).status()).as("reported on: replayed").isEqualTo(Status.RUNNING);
        } finally {
            feed.stop();
        }
    }

    /** With the jobs committed together with their rows no report can precede a row: nothing is remembered or read. */
    @Test
    void replaysNothingWhenJobsCommitWithTheirRows() throws Exception {
        ResultStore store = ResultStores.inMemory();
        ResultFeed feed = feed(store, List.of(), false, "judged");
        feed.start();
        try {
            store.save(new SubmissionResult("judged", Status.RUNNING, "", List.of(), null, 0, 0, Instant.now()));
            assertThat(seen.poll(5, TimeUnit.SECONDS).status()).isEqualTo(Status.RUNNING);
            feed.replay("judged");
            assertThat(seen.poll(300, TimeUnit.MILLISECONDS)).as("no replay").isNull();
        } finally {
            feed.stop();
        }
    }
}
