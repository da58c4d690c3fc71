package dev.judge.core.model;

import dev.judge.core.InvalidSubmissionException;
import java.util.function.Supplier;

/** Argument checks that fail with {@link InvalidSubmissionException} naming the field. */
final class Checks {
    private Checks() {
    }

    static <T> T notNull(T value, String field) {
        if (value == null) {
            throw new InvalidSubmissionException(field, "must not be null");
        }
        return value;
    }

    static String notBlank(String value, String field) {
        notNull(value, field);
        if (value.isBlank()) {
            throw new InvalidSubmissionException(field, "must not be blank");
        }
        return value;
    }

    static void check(boolean condition, String field, String message) {
        if (!condition) {
            throw new InvalidSubmissionException(field, message);
        }
    }

    /** As {@link #check(boolean, String, String)}, building the message only on failure (hot constructors). */
    static void check(boolean condition, String field, Supplier<String> message) {
        if (!condition) {
            throw new InvalidSubmissionException(field, message.get());
        }
    }
}
