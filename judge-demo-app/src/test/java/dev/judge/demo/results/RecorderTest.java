package dev.judge.demo.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The recorder writes each change into the one ledger once, and calls the right API's callback once. */
class RecorderTest {
    private final LedgerDatabase db = new LedgerDatabase();
    private final List<String> judge0Calls = new CopyOnWriteArrayList<>();
    private final List<String> nativeCalls = new CopyOnWriteArrayList<>();

    private FinishCallback callback(Api api, List<String> calls) {
        return new FinishCallback() {
            @Override
            public Api api() {
                return api;
            }

            @Override
            public void finished(String id) {
                calls.add(id);
            }
        };
    }

    private Recorder recorder() {
        return new Recorder(db.ledger, List.of(callback(Api.NATIVE, nativeCalls), callback(Api.JUDGE0, judge0Calls)));
    }

    private static SubmissionResult state(String id, Status status) {
        return new SubmissionResult(id, status, "", List.of(), null, 0, 0, Instant.now());
    }

    private static SubmissionResult finished(String id) {
        return new SubmissionResult(id, Status.FINISHED, "", List.of(), Verdict.ACCEPTED, 1, 1, Instant.now());
    }

    @Test
    void aFinishLandsOnceAndCallsItsApisCallbackOnlyWhenTheRowHasOne() {
        db.judge0Row("with-callback", "https://example.org/hook");
        db.judge0Row("without", null);
        Recorder first = recorder();
        Recorder otherNode = recorder();
        SubmissionResult done = new SubmissionResult("with-callback", Status.FINISHED, "", List.of(),
                Verdict.ACCEPTED, 1, 1, Instant.now());
        assertThat(first.record(done)).isTrue();
        assertThat(otherNode.record(done)).as("already stored by the first").isFalse();
        assertThat(first.record(new SubmissionResult("without", Status.FINISHED, "", List.of(), Verdict.WRONG_ANSWER,
                0, 1, Instant.now()))).isTrue();
        assertThat(judge0Calls).containsExactly("with-callback");
        assertThat(nativeCalls).isEmpty();
        assertThat(db.jdbc.queryForObject("select verdict from submissions where id = 'without'", String.class))
                .isEqualTo("WA");
        assertThat(first.record(finished("no-such-row"))).isFalse();
    }

    @Test
    void statusMovesForwardOnlyAndNotAfterTheFinish() {
        db.judge0Row("s", null);
        Recorder recorder = recorder();
        assertThat(recorder.record(state("s", Status.RUNNING))).isTrue();
        assertThat(db.status("s")).isEqualTo("RUNNING");
        assertThat(recorder().record(state("s", Status.COMPILING))).as("never back").isFalse();
        assertThat(db.status("s")).isEqualTo("RUNNING");
        assertThat(recorder.record(finished("s"))).isTrue();
        assertThat(recorder().record(state("s", Status.RUNNING))).as("never past FINISHED").isFalse();
        assertThat(db.status("s")).isEqualTo("FINISHED");
        assertThat(recorder.unfinished()).isEmpty();
    }

    @Test
    void oneCallbackPerApi() {
        assertThatThrownBy(() -> new Recorder(db.ledger, List.of(callback(Api.JUDGE0, judge0Calls),
                callback(Api.JUDGE0, nativeCalls)))).isInstanceOf(IllegalArgumentException.class);
    }
}
