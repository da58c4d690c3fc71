package dev.judge.demo.contest;

import dev.judge.demo.results.GroupDocument;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Computes a {@link Scoreboard} from a contest's registered accounts and their submissions, for ICPC or IOI
 * scoring; pure, so the rules are tested without a server. Only submissions inside the contest's window count.
 * In the public view of a frozen contest, a submission made after the freeze counts as pending whatever its
 * verdict (its tries, solve and first-to-solve mark show once the board is unfrozen); the jury view shows all.
 */
final class Standings {
    /** Verdicts that cost nothing under ICPC scoring: the program never ran (CE) or the judge failed (IE). */
    private static final List<String> FREE = List.of("CE", "IE");

    private Standings() {
    }

    /** An account registered for the contest. */
    record Account(long userId, String username) {
    }

    /** The board as it stands at {@code now}: frozen (in the public view) once the freeze has begun. */
    static Scoreboard of(Contest contest, List<Account> accounts, List<Attempt> attempts, boolean jury, Instant now) {
        boolean frozen = !jury && contest.hides(now);
        Map<Long, Map<String, List<Attempt>>> byAccount = new HashMap<>();
        attempts.stream()
                .filter(a -> contest.counts(a.at()))
                .sorted(Comparator.comparing(Attempt::at).thenComparing(Attempt::id))
                .forEach(a -> byAccount.computeIfAbsent(a.userId(), k -> new HashMap<>())
                        .computeIfAbsent(a.label(), k -> new ArrayList<>()).add(a));
        List<Line> lines = new ArrayList<>();
        for (Account account : accounts) {
            Map<String, List<Attempt>> own = byAccount.getOrDefault(account.userId(), Map.of());
            Line line = new Line(account.username());
            for (Contest.ContestProblem p : contest.problems()) {
                List<Attempt> tries = own.getOrDefault(p.label(), List.of());
                line.cells.add(contest.scoring() == Scoring.ICPC ? icpcCell(contest, p.label(), tries, frozen, line)
                        : ioiCell(contest, p.label(), tries, frozen));
            }
            lines.add(line);
        }
        if (contest.scoring() == Scoring.ICPC) {
            markFirstSolves(lines);
        }
        return new Scoreboard(contest.id(), contest.title(), contest.scoring(), frozen, contest.freezeAt(),
                contest.problems(), rank(contest, lines));
    }

    private static Scoreboard.Cell icpcCell(Contest contest, String label, List<Attempt> attempts, boolean frozen,
            Line line) {
        int tries = 0;
        int pending = 0;
        for (Attempt a : attempts) {
            if (!a.judged() || (frozen && contest.hides(a.at()))) {
                pending++;
            } else if (a.verdict().equals("AC")) {
                line.solvedAt.put(label, a.at());
                return new Scoreboard.Cell(label, true, contest.minute(a.at()), tries, pending, false, 0, 0);
            } else if (!FREE.contains(a.verdict())) {
                tries++;
            }
        }
        return new Scoreboard.Cell(label, false, null, tries, pending, false, 0, 0);
    }

    /**
     * The best score on a problem: with scoring groups, the sum over groups of each group's best (a group solved
     * by one submission and another group by a later one both count, as IOI scores subtasks since 2017);
     * without, the best submission's score.
     */
    private static Scoreboard.Cell ioiCell(Contest contest, String label, List<Attempt> attempts, boolean frozen) {
        int pending = 0;
        double best = 0;
        double max = 0;
        Map<String, Double> groupBest = new LinkedHashMap<>();
        boolean grouped = false;
        for (Attempt a : attempts) {
            if (!a.judged() || (frozen && contest.hides(a.at()))) {
                pending++;
                continue;
            }
            max = Math.max(max, a.maxScore());
            best = Math.max(best, a.score());
            for (GroupDocument g : a.groups()) {
                grouped = true;
                groupBest.merge(g.name(), g.score(), Math::max);
            }
        }
        double score = grouped ? groupBest.values().stream().mapToDouble(Double::doubleValue).sum() : best;
        return new Scoreboard.Cell(label, false, null, 0, pending, false, score, max);
    }

    /**
     * Marks, per problem, the earliest solve shown on this board (to the submission's instant, not its minute):
     * the first to solve it; solves at the same instant are all marked.
     */
    private static void markFirstSolves(List<Line> lines) {
        Map<String, Instant> first = new HashMap<>();
        for (Line l : lines) {
            l.solvedAt.forEach((label, at) -> first.merge(label, at, (x, y) -> x.isBefore(y) ? x : y));
        }
        for (Line l : lines) {
            l.cells.replaceAll(c -> c.solved() && l.solvedAt.get(c.label()).equals(first.get(c.label()))
                    ? new Scoreboard.Cell(c.label(), true, c.minute(), c.tries(), c.pending(), true, 0, 0) : c);
        }
    }

    private static List<Scoreboard.Row> rank(Contest contest, List<Line> lines) {
        Comparator<Line> order = contest.scoring() == Scoring.ICPC
                ? Comparator.comparingInt(Line::solved).reversed()
                        .thenComparingLong(l -> l.penalty(contest.penaltyMinutes()))
                        .thenComparingLong(Line::lastSolve)
                : Comparator.comparingDouble(Line::score).reversed();
        lines.sort(order.thenComparing(l -> l.username));
        List<Scoreboard.Row> rows = new ArrayList<>(lines.size());
        for (int i = 0; i < lines.size(); i++) {
            Line l = lines.get(i);
            int rank = i > 0 && order.compare(lines.get(i - 1), l) == 0 ? rows.get(i - 1).rank() : i + 1;
            rows.add(new Scoreboard.Row(rank, l.username, l.solved(),
                    contest.scoring() == Scoring.ICPC ? l.penalty(contest.penaltyMinutes()) : 0, l.score(), l.cells));
        }
        return rows;
    }

    /** An account's cells while the board is built. */
    private static final class Line {
        final String username;
        final List<Scoreboard.Cell> cells = new ArrayList<>();
        final Map<String, Instant> solvedAt = new HashMap<>();

        Line(String username) {
            this.username = username;
        }

        int solved() {
            return (int) cells.stream().filter(Scoreboard.Cell::solved).count();
        }

        long penalty(int perTry) {
            return cells.stream().filter(Scoreboard.Cell::solved).mapToLong(c -> c.minute() + (long) perTry * c.tries())
                    .sum();
        }

        long lastSolve() {
            return cells.stream().filter(Scoreboard.Cell::solved).mapToLong(Scoreboard.Cell::minute).max().orElse(0);
        }

        double score() {
            return cells.stream().mapToDouble(Scoreboard.Cell::score).sum();
        }
    }
}
