package dev.judge.demo.results;

import dev.judge.core.model.Status;
import dev.judge.core.model.SubmissionResult;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * The one writer of the judge's results into the server's tables, on the {@link ResultFeed}'s thread. A final
 * result goes into the table that holds its id (the first one whose conditional write lands, so a finish heard
 * by several nodes is stored and acted on once); a live snapshot that reaches a new state (COMPILING, RUNNING,
 * picked by {@link StatusSteps}) moves that row's {@code status} forward, for listings and readers without the
 * judge's live state. Results and tests go into a row only when final.
 */
@Component
public class Recorder {
    private static final int SETTLED_AT_START = 10_000;
    private final List<SubmissionTable> tables;
    private final StatusSteps steps = new StatusSteps();

    public Recorder(List<SubmissionTable> tables) {
        this.tables = List.copyOf(tables);
    }

    /** Writes {@code result} where it belongs; returns whether a table took it. */
    public boolean record(SubmissionResult result) {
        String id = result.submissionId();
        if (result.isFinished()) {
            steps.step(result); // forgets the submission's steps
            ResultDocument document = ResultDocument.of(result);
            for (SubmissionTable table : tables) {
                // the tables keep microseconds: what a reader gets back later is what live watchers were shown
                if (table.finish(id, document, result.updatedAt().truncatedTo(ChronoUnit.MICROS))) {
                    table.finished(id);
                    return true;
                }
            }
            return false;
        }
        Status step = steps.step(result);
        if (step != null) {
            for (SubmissionTable table : tables) {
                if (table.advance(id, step)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The ids every table still waits a final result for. */
    List<String> unfinished() {
        List<String> ids = new ArrayList<>();
        for (SubmissionTable table : tables) {
            ids.addAll(table.unfinished(SETTLED_AT_START));
        }
        return ids;
    }
}
