package dev.judge.demo.judge0;

import dev.judge.demo.results.ResultDocument;
import java.time.Instant;

/** A Judge0 row of the ledger ({@code submissions}); {@code result} is null until the judge finished it. */
record Judge0Row(String token, int languageId, String judgeLanguage, String source, String stdin,
        String expectedOutput, Judge0Limits limits, String callbackUrl, ResultDocument result, Instant createdAt,
        Instant finishedAt) {
}
