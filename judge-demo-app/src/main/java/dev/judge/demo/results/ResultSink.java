package dev.judge.demo.results;

import java.time.Instant;
import java.util.List;

/**
 * Another table the judge's final results go to: judge ids the {@link Ledger} has no row for (a rejudge's runs
 * of stored submissions). The {@link Recorder} offers a final result here when the ledger has no unfinished row
 * for it, and settles these ids after a restart as it settles the ledger's.
 */
public interface ResultSink {

    /** Stores the final result of judge id {@code id} unless stored already; true when this call stored it. */
    boolean finish(String id, ResultDocument result, Instant finishedAt);

    /** Judge ids still waiting for a final result here, oldest first, at most {@code limit}. */
    List<String> unfinished(int limit);
}
