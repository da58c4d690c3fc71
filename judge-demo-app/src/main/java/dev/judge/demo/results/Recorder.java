package dev.judge.demo.results;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * The one writer of the judge's results into the {@link Ledger}, on the {@link ResultFeed}'s thread, one
 * statement per change. A final result is stored with {@code ... where finished_at is null}, so a finish heard by
 * several nodes is stored and acted on (the API's {@link FinishCallback}) once; a live snapshot that reaches a new
 * state (COMPILING, RUNNING, picked by {@link StatusSteps}) moves the row's {@code status} forward, for listings
 * and readers without the judge's live state. Results and tests go into a row only when final. A final result
 * whose id has no unfinished row goes to the {@link ResultSink}s (a rejudge's runs), first taker wins.
 */
@Component
public class Recorder {
    private static final int SETTLED_AT_START = 10_000;
    private final Ledger ledger;
    private final Map<Api, FinishCallback> callbacks = new EnumMap<>(Api.class);
    private final StatusSteps steps = new StatusSteps();
    private final List<ResultSink> sinks;

    public Recorder(Ledger ledger, List<FinishCallback> callbacks) {
        this(ledger, callbacks, List.of());
    }

    @Autowired
    public Recorder(Ledger ledger, List<FinishCallback> callbacks, List<ResultSink> sinks) {
        this.ledger = ledger;
        this.sinks = List.copyOf(sinks);
        for (FinishCallback c : callbacks) {
            if (this.callbacks.put(c.api(), c) != null) {
                throw new IllegalArgumentException("two finish callbacks for " + c.api());
            }
        }
    }

    /** Writes {@code result} into the ledger; returns whether the write landed. */
    public boolean record(SubmissionResult result) {
        String id = result.submissionId();
        if (result.isFinished()) {
            steps.step(result); // forgets the submission's steps
            // the ledger keeps microseconds: what a reader gets back later is what live watchers were shown
            ResultDocument document = ResultDocument.of(result);
            Instant at = result.updatedAt().truncatedTo(ChronoUnit.MICROS);
            if (!ledger.finish(id, document, at)) {
                return sinks.stream().anyMatch(s -> s.finish(id, document, at));
            }
            ledger.callbackApi(id).map(callbacks::get).ifPresent(c -> c.finished(id));
            return true;
        }
        Status step = steps.step(result);
        return step != null && ledger.advance(id, step);
    }

    /** The ids the ledger (and the sinks) still wait a final result for. */
    List<String> unfinished() {
        List<String> ids = new ArrayList<>(ledger.unfinished(SETTLED_AT_START));
        for (ResultSink s : sinks) {
            ids.addAll(s.unfinished(SETTLED_AT_START));
        }
        return ids;
    }
}
