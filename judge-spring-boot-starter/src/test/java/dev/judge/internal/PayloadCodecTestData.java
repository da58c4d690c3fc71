package dev.judge.internal;

import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import java.util.List;

/** A small submission for tests of the adapters. */
public final class PayloadCodecTestData {
    private PayloadCodecTestData() {
    }

    public static Submission submission() {
        return Submission.of("python", "print(sum(map(int, input().split())))", List.of(TestCase.of("1", "1 2\n", "3\n")));
    }
}
