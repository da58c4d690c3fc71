package dev.judge.demo.submission;

import dev.judge.core.model.SubmissionResult;
import dev.judge.demo.results.ResultDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * One client's event stream of one submission: {@code status} when the status moves on, {@code test} for each
 * test as it finishes (in order, each once), {@code finished} with the whole submission, then the end. Whatever
 * carries the events (SSE, a STOMP subscription) is the {@link Sink}.
 */
final class LiveStream {
    /** Where the events go. */
    interface Sink {
        void send(String name, Object data) throws IOException;

        /** No event follows. */
        void complete();
    }

    private final Sink sink;
    private final SubmissionRow row;
    private final boolean full;
    private String status = "";
    private int sentTests;
    private boolean done;

    /** {@code row} as it was when the stream opened: what a final result is shown with. */
    LiveStream(Sink sink, SubmissionRow row, boolean full) {
        this.sink = sink;
        this.row = row;
        this.full = full;
    }

    synchronized void on(SubmissionResult result) {
        if (done) {
            return;
        }
        try {
            ResultDocument d = ResultDocument.of(result);
            if (!d.status().equals(status)) {
                status = d.status();
                send("status", Map.of("status", status));
            }
            int done = d.tests().size();
            for (int i = sentTests; i < done; i++) {
                TestView view = SubmissionViews.test(i, d.tests().get(i), row.hiddenTests(), full);
                send("test", new TestEvent(i, row.testCount(), view));
            }
            sentTests = Math.max(sentTests, done);
            if (result.isFinished()) {
                // the recorder stored this result before the feed told the watchers: no need to read it back
                finish(SubmissionViews.finished(row, d, full));
            }
        } catch (IOException | IllegalStateException e) {
            done = true; // the client went away
        }
    }

    /** Sends {@code finished} with the finished submission and ends the stream. */
    synchronized void finish(SubmissionView finished) throws IOException {
        if (done) {
            return;
        }
        done = true;
        send("finished", finished);
        sink.complete();
    }

    private void send(String name, Object data) throws IOException {
        sink.send(name, data);
    }

    /** A {@code test} event: the test's index, the submission's number of tests, the test's result. */
    record TestEvent(int index, int total, TestView result) {
    }
}
