package dev.judge.jdbc;

import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Runs a notification once the caller's transaction has committed, or at once when there is none. A write made
 * inside an application's transaction (one that also inserts its own rows, for example) becomes visible to other
 * sessions only at commit: waking a claimer or telling listeners earlier would show them nothing, or a change
 * that a rollback then takes back.
 */
final class AfterCommit {
    private AfterCommit() {
    }

    static void run(Runnable action) {
        if (!TransactionSynchronizationManager.isSynchronizationActive()) {
            action.run();
            return;
        }
        TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
            @Override
            public void afterCommit() {
                action.run();
            }
        });
    }
}
