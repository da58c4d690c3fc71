package dev.judge.demo.submission;

import dev.judge.core.model.SubmissionResult;
import dev.judge.demo.results.ResultDocument;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.springframework.web.servlet.mvc.method.annotation.SseEmitter;

/**
 * One client's event stream of one submission: {@code status} when the status moves on, {@code test} for each
 * test as it finishes (in order, each once), {@code finished} with the whole submission, then the end.
 */
final class LiveStream {
    private final SseEmitter emitter;
    private final List<String> hiddenTests;
    private final int total;
    private final boolean full;
    private final Supplier<SubmissionView> finishedView;
    private String status = "";
    private int sentTests;
    private boolean done;

    LiveStream(SseEmitter emitter, List<String> hiddenTests, int total, boolean full,
            Supplier<SubmissionView> finishedView) {
        this.emitter = emitter;
        this.hiddenTests = hiddenTests;
        this.total = total;
        this.full = full;
        this.finishedView = finishedView;
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
                TestView view = SubmissionViews.test(i, d.tests().get(i), hiddenTests, full);
                send("test", new TestEvent(i, total, view));
            }
            sentTests = Math.max(sentTests, done);
            if (result.isFinished()) {
                finish();
            }
        } catch (IOException | IllegalStateException e) {
            done = true; // the client went away
        }
    }

    /** Sends {@code finished} with the stored submission and ends the stream. */
    synchronized void finish() throws IOException {
        if (done) {
            return;
        }
        done = true;
        send("finished", finishedView.get());
        emitter.complete();
    }

    private void send(String name, Object data) throws IOException {
        emitter.send(SseEmitter.event().name(name).data(data));
    }

    /** A {@code test} event: the test's index, the submission's number of tests, the test's result. */
    record TestEvent(int index, int total, TestView result) {
    }
}
