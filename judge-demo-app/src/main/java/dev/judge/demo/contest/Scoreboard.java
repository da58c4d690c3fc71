package dev.judge.demo.contest;

import java.time.Instant;
import java.util.List;

/**
 * A contest's standings. {@code frozen} says whether verdicts of submissions made after {@code freezeAt} are
 * hidden in this view (the public view of a frozen contest); such submissions count as pending.
 */
public record Scoreboard(long contestId, String title, Scoring scoring, boolean frozen, Instant freezeAt,
        List<Contest.ContestProblem> problems, List<Row> rows) {

    public Scoreboard {
        problems = List.copyOf(problems);
        rows = List.copyOf(rows);
    }

    /**
     * One account's line. ICPC fills {@code solved} and {@code penalty} (minutes); IOI fills {@code score}. Equal
     * standing gives an equal {@code rank} (1, 1, 3).
     */
    public record Row(int rank, String username, int solved, long penalty, double score, List<Cell> cells) {
        public Row {
            cells = List.copyOf(cells);
        }
    }

    /**
     * One account on one problem. ICPC: {@code solved}, the contest minute of the solve, the rejected tries
     * counted (before the solve, or all when unsolved), {@code firstToSolve}. IOI: {@code score} out of {@code
     * maxScore}. Both: {@code pending}, submissions not judged yet or hidden by the freeze.
     */
    public record Cell(String label, boolean solved, Long minute, int tries, int pending, boolean firstToSolve,
            double score, double maxScore) {
    }
}
