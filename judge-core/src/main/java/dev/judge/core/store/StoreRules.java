package dev.judge.core.store;

import dev.judge.core.model.SubmissionResult;

/**
 * The write rule every result store applies, so that all of them agree: results move only forward and a
 * finished result is final.
 */
public final class StoreRules {
    private StoreRules() {
    }

    /**
     * Whether {@code next} may replace {@code current} (which is {@code null} when nothing is stored): never
     * once {@code current} is finished, never to an earlier status.
     */
    public static boolean mayReplace(SubmissionResult current, SubmissionResult next) {
        if (current == null) {
            return true;
        }
        if (current.isFinished()) {
            return false;
        }
        return next.status().compareTo(current.status()) >= 0;
    }
}
