package dev.judge.demo.contest;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.results.GroupDocument;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** ICPC and IOI scoreboards computed on scripted contests, with the freeze and penalty edge cases. */
class StandingsTest {
    private static final Instant START = Instant.parse("2026-03-01T10:00:00Z");
    private static final Instant END = START.plus(Duration.ofHours(5));
    private static final List<Contest.ContestProblem> PROBLEMS = List.of(new Contest.ContestProblem("A", 1, "Add"),
            new Contest.ContestProblem("B", 2, "Bits"), new Contest.ContestProblem("C", 3, "Cut"));
    private static final List<Standings.Account> TEAMS = List.of(new Standings.Account(1, "ada"),
            new Standings.Account(2, "bob"), new Standings.Account(3, "cyd"), new Standings.Account(4, "dee"));

    private final List<Attempt> attempts = new ArrayList<>();

    private static Contest icpc(Instant freezeAt, boolean unfrozen) {
        return new Contest(7, "Finals", Scoring.ICPC, START, START.plus(Duration.ofHours(5)), freezeAt, unfrozen, 20,
                PROBLEMS);
    }

    private void at(long user, String label, long minute, long second, String verdict) {
        attempts.add(new Attempt("s" + attempts.size(), user, label, START.plusSeconds(minute * 60 + second), verdict,
                0, 0, List.of()));
    }

    private static Scoreboard.Row row(Scoreboard b, String user) {
        return b.rows().stream().filter(r -> r.username().equals(user)).findFirst().orElseThrow();
    }

    private static Scoreboard.Cell cell(Scoreboard b, String user, String label) {
        return row(b, user).cells().stream().filter(c -> c.label().equals(label)).findFirst().orElseThrow();
    }

    @Test
    void icpcCountsSolvedThenPenaltyWithTwentyPerRejectedTryAndNoneForCompileErrors() {
        at(1, "A", 10, 0, "WA");
        at(1, "A", 12, 0, "CE"); // free
        at(1, "A", 15, 30, "AC"); // 15 + 20
        at(1, "A", 16, 0, "WA"); // after the solve: ignored
        at(1, "B", 50, 59, "TLE");
        at(1, "B", 61, 0, "AC"); // 61 + 20
        at(2, "A", 14, 0, "AC"); // 14
        at(2, "B", 100, 0, "RE");
        at(2, "B", 101, 0, "IE"); // the judge's fault: free
        at(2, "B", 130, 0, "AC"); // 130 + 20
        at(3, "C", 20, 0, "WA");
        at(3, "C", 25, 0, "WA");

        Scoreboard b = Standings.of(icpc(null, false), TEAMS, attempts, false, END);

        assertThat(b.rows()).extracting(Scoreboard.Row::username).containsExactly("ada", "bob", "cyd", "dee");
        assertThat(row(b, "ada").solved()).isEqualTo(2);
        assertThat(row(b, "ada").penalty()).isEqualTo(15 + 20 + 61 + 20);
        assertThat(row(b, "bob").penalty()).isEqualTo(14 + 130 + 20);
        assertThat(cell(b, "ada", "A")).satisfies(c -> {
            assertThat(c.solved()).isTrue();
            assertThat(c.minute()).isEqualTo(15);
            assertThat(c.tries()).isEqualTo(1);
        });
        assertThat(cell(b, "cyd", "C").solved()).isFalse();
        assertThat(cell(b, "cyd", "C").tries()).isEqualTo(2);
        assertThat(row(b, "cyd").penalty()).as("unsolved problems cost nothing").isZero();
        assertThat(row(b, "cyd").rank()).isEqualTo(3);
        assertThat(row(b, "dee").rank()).as("no submissions: on the board, tied with the other team without a solve")
                .isEqualTo(3);
    }

    @Test
    void firstToSolveIsTheEarliestInstantNotTheEarliestMinute() {
        at(1, "A", 14, 40, "AC");
        at(2, "A", 14, 5, "AC");
        at(3, "A", 30, 0, "AC");
        Scoreboard b = Standings.of(icpc(null, false), TEAMS, attempts, false, END);
        assertThat(cell(b, "bob", "A").firstToSolve()).isTrue();
        assertThat(cell(b, "ada", "A").firstToSolve()).as("same minute, 35 s later").isFalse();
        assertThat(cell(b, "ada", "A").minute()).isEqualTo(14);
        assertThat(cell(b, "cyd", "A").firstToSolve()).isFalse();
    }

    @Test
    void tiesOnSolvedAndPenaltyGoToTheEarlierLastSolveAndFullTiesShareTheRank() {
        at(1, "A", 10, 0, "AC");
        at(1, "B", 50, 0, "AC"); // 60, last solve 50
        at(2, "A", 30, 0, "AC");
        at(2, "B", 30, 0, "AC"); // 60, last solve 30: ahead
        at(3, "A", 10, 0, "AC");
        at(3, "B", 50, 0, "AC"); // ada's twin
        Scoreboard b = Standings.of(icpc(null, false), TEAMS, attempts, false, END);
        assertThat(b.rows()).extracting(Scoreboard.Row::username).containsExactly("bob", "ada", "cyd", "dee");
        assertThat(b.rows()).extracting(Scoreboard.Row::rank).containsExactly(1, 2, 2, 4);
    }

    @Test
    void theFreezeHidesLaterVerdictsFromThePublicUntilUnfrozenButNotFromTheJury() {
        Instant freeze = START.plus(Duration.ofHours(4));
        at(1, "A", 100, 0, "AC");
        at(2, "A", 239, 59, "WA"); // a second before the freeze: shown
        at(2, "A", 240, 0, "AC"); // at the freeze: hidden
        at(2, "B", 250, 0, "WA"); // hidden
        at(3, "A", 260, 0, "AC"); // hidden
        Scoreboard open = Standings.of(icpc(freeze, false), TEAMS, attempts, false, END);
        assertThat(open.frozen()).isTrue();
        assertThat(cell(open, "bob", "A")).satisfies(c -> {
            assertThat(c.solved()).isFalse();
            assertThat(c.tries()).isEqualTo(1);
            assertThat(c.pending()).isEqualTo(1);
        });
        assertThat(cell(open, "bob", "B").tries()).as("a hidden rejection is no try yet").isZero();
        assertThat(cell(open, "bob", "B").pending()).isEqualTo(1);
        assertThat(cell(open, "cyd", "A").solved()).isFalse();
        assertThat(open.rows().get(0).username()).isEqualTo("ada");

        Scoreboard jury = Standings.of(icpc(freeze, false), TEAMS, attempts, true, END);
        assertThat(jury.frozen()).isFalse();
        assertThat(cell(jury, "bob", "A").solved()).isTrue();
        assertThat(cell(jury, "bob", "A").minute()).isEqualTo(240);
        assertThat(row(jury, "bob").penalty()).isEqualTo(240 + 20);

        Scoreboard revealed = Standings.of(icpc(freeze, true), TEAMS, attempts, false, END);
        assertThat(revealed).isEqualTo(jury);

        Scoreboard before = Standings.of(icpc(freeze, false), TEAMS, attempts.subList(0, 2), false,
                freeze.minusSeconds(1));
        assertThat(before.frozen()).as("the freeze has not begun").isFalse();
    }

    @Test
    void pendingSubmissionsAreNeitherTriesNorSolves() {
        at(1, "A", 10, 0, null);
        at(1, "A", 11, 0, "WA");
        Scoreboard b = Standings.of(icpc(null, false), TEAMS, attempts, false, END);
        assertThat(cell(b, "ada", "A").pending()).isEqualTo(1);
        assertThat(cell(b, "ada", "A").tries()).isEqualTo(1);
    }

    @Test
    void onlySubmissionsInsideTheWindowCount() {
        at(1, "A", -1, 0, "AC"); // before the start
        at(2, "A", 300, 0, "AC"); // at the end: outside [start, end)
        at(3, "A", 299, 59, "AC");
        Scoreboard b = Standings.of(icpc(null, false), TEAMS, attempts, false, END);
        assertThat(row(b, "ada").solved()).isZero();
        assertThat(row(b, "bob").solved()).isZero();
        assertThat(row(b, "cyd").solved()).isEqualTo(1);
        assertThat(cell(b, "cyd", "A").minute()).isEqualTo(299);
    }

    @Test
    void ioiTakesEachSubtasksBestAcrossSubmissions() {
        Contest ioi = new Contest(8, "Olympiad", Scoring.IOI, START, START.plus(Duration.ofHours(5)), null, false, 0,
                PROBLEMS);
        // ada: one submission solves subtask 1, a later one subtask 2: 30 + 70 = 100, though neither scored 100
        attempts.add(new Attempt("a1", 1, "A", START.plusSeconds(60), "WA", 30, 100,
                List.of(new GroupDocument("small", "AC", 30, 30), new GroupDocument("large", "WA", 0, 70))));
        attempts.add(new Attempt("a2", 1, "A", START.plusSeconds(120), "WA", 70, 100,
                List.of(new GroupDocument("small", "WA", 0, 30), new GroupDocument("large", "AC", 70, 70))));
        // bob: no groups on B: the best submission's score
        attempts.add(new Attempt("b1", 2, "B", START.plusSeconds(60), "WA", 4, 10, List.of()));
        attempts.add(new Attempt("b2", 2, "B", START.plusSeconds(90), "WA", 7, 10, List.of()));
        attempts.add(new Attempt("b3", 2, "B", START.plusSeconds(95), "WA", 5, 10, List.of()));
        attempts.add(new Attempt("b4", 2, "A", START.plusSeconds(100), "AC", 100, 100,
                List.of(new GroupDocument("small", "AC", 30, 30), new GroupDocument("large", "AC", 70, 70))));
        attempts.add(new Attempt("c1", 3, "A", START.plusSeconds(100), null, 0, 0, List.of()));

        Scoreboard b = Standings.of(ioi, TEAMS, attempts, false, END);
        assertThat(cell(b, "ada", "A").score()).isEqualTo(100.0);
        assertThat(cell(b, "ada", "A").maxScore()).isEqualTo(100.0);
        assertThat(cell(b, "bob", "B").score()).isEqualTo(7.0);
        assertThat(row(b, "bob").score()).isEqualTo(107.0);
        assertThat(cell(b, "cyd", "A").pending()).isEqualTo(1);
        assertThat(b.rows()).extracting(Scoreboard.Row::username).containsExactly("bob", "ada", "cyd", "dee");
        assertThat(b.rows()).extracting(Scoreboard.Row::rank).containsExactly(1, 2, 3, 3);
    }
}
