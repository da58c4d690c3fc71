package dev.judge.demo.results;

/** Which API a submission of the ledger came through (column {@code api} of {@code submissions}). */
public enum Api {
    /** The server's own API: a problem's tests, an account's submission. */
    NATIVE,
    /** The Judge0-compatible API: one input and expected output of the request's own. */
    JUDGE0
}
