package dev.judge.demo.contest;

/** How a contest ranks its accounts. */
public enum Scoring {
    /**
     * ICPC: most problems solved, then least penalty time (the minute of each first accepted submission plus a
     * fixed penalty per earlier rejected one; compile errors and judge errors are not counted), then the earlier
     * last solve.
     */
    ICPC,
    /** IOI: the sum over problems of the best score, each scoring group's best taken on its own. */
    IOI
}
