package dev.judge.core.compare.protocol;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Decodes what a Kattis or DOMjudge output validator
 * ({@code validator input judge_answer feedback_dir [flags] < team_output}) reports: its exit code and the files
 * it wrote to the feedback directory.
 *
 * <ul>
 *   <li>Exit 42: accepted. Without {@code score.txt} (or with a blank one) {@link Outcome#ACCEPTED}, fraction 1.
 *       For a scoring problem {@code score.txt} holds the test's score, a number {@code >= 0}; the fraction is
 *       {@code score / maxScore}, {@link Outcome#ACCEPTED} when it is the maximum, else
 *       {@link Outcome#PARTIAL} (0 included: accepted, but worth nothing). A score that is not a number, is
 *       negative or is above {@code maxScore} is {@link Outcome#CHECKER_FAILED}.</li>
 *   <li>Exit 43: {@link Outcome#WRONG_ANSWER}, fraction 0; {@code score.txt} is not read.</li>
 *   <li>Any other exit: {@link Outcome#CHECKER_FAILED} (DOMjudge's "compare error", a judge error on Kattis),
 *       never charged to the submission.</li>
 * </ul>
 *
 * <p>Messages, as DOMjudge routes them: {@code judgemessage.txt} is the diagnostic for the judges, so it
 * becomes the {@link Comparison#message()} (the checker message of the test, where a testlib checker's stderr
 * goes); {@code teammessage.txt} is meant for the contestant and is returned beside it, in
 * {@link Result#teamMessage()}. Both are decoded as UTF-8 with replacement, trailing whitespace removed.
 * DOMjudge also appends the validator's stdout and stderr to the judge message; a caller that keeps them passes
 * them appended to {@code judgeMessage}.
 */
public final class OutputValidatorProtocol {

    /** The exit code of an output validator that accepts. */
    public static final int ACCEPTED = 42;
    /** The exit code of an output validator that rejects. */
    public static final int WRONG_ANSWER = 43;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private OutputValidatorProtocol() {
    }

    /**
     * The decoded report.
     *
     * @param comparison  the outcome, fraction and the judge message
     * @param teamMessage {@code teammessage.txt}, empty when there was none
     */
    public record Result(Comparison comparison, String teamMessage) {
        public Result {
            Objects.requireNonNull(comparison, "comparison");
            teamMessage = teamMessage == null ? "" : teamMessage;
        }
    }

    /**
     * The outcome of an output validator of a problem that is not scored (a test is worth 1).
     *
     * @param exitCode     the validator's exit code
     * @param judgeMessage {@code judgemessage.txt}, null when it wrote none
     * @param teamMessage  {@code teammessage.txt}, null when it wrote none
     */
    public static Result decode(int exitCode, byte[] judgeMessage, byte[] teamMessage) {
        return decode(exitCode, judgeMessage, teamMessage, null, 1);
    }

    /**
     * The outcome of an output validator; see the class description.
     *
     * @param exitCode     the validator's exit code
     * @param judgeMessage {@code judgemessage.txt}, null when it wrote none
     * @param teamMessage  {@code teammessage.txt}, null when it wrote none
     * @param score        {@code score.txt}, null when it wrote none
     * @param maxScore     what the test is worth in the unit of {@code score.txt}; finite, above 0
     * @throws IllegalArgumentException when {@code maxScore} is not a finite number above 0
     */
    public static Result decode(int exitCode, byte[] judgeMessage, byte[] teamMessage, byte[] score,
            double maxScore) {
        if (!(Double.isFinite(maxScore) && maxScore > 0)) {
            throw new IllegalArgumentException("maxScore must be a finite number above 0, was " + maxScore);
        }
        String judge = text(judgeMessage);
        String team = text(teamMessage);
        return new Result(switch (exitCode) {
            case ACCEPTED -> accepted(text(score).strip(), maxScore, judge);
            case WRONG_ANSWER -> new Comparison(Outcome.WRONG_ANSWER, 0, judge);
            default -> failed("output validator exited with " + exitCode + "; only " + ACCEPTED + " (accepted) and "
                    + WRONG_ANSWER + " (wrong answer) are verdicts", judge);
        }, team);
    }

    private static Comparison accepted(String score, double maxScore, String judge) {
        if (score.isEmpty()) {
            return new Comparison(Outcome.ACCEPTED, 1, judge);
        }
        if (!NUMBER.matcher(score).matches()) {
            return failed("score.txt holds no number: \"" + abbreviate(score) + "\"", judge);
        }
        double value = Double.parseDouble(score);
        if (!(Double.isFinite(value) && value >= 0) || value > maxScore * (1 + 1e-9)) {
            return failed("score " + score + " is outside [0, " + maxScore + "]", judge);
        }
        double fraction = Math.min(1, value / maxScore);
        return fraction >= 1 - 1e-9
                ? new Comparison(Outcome.ACCEPTED, 1, judge)
                : new Comparison(Outcome.PARTIAL, fraction, judge);
    }

    private static Comparison failed(String why, String judge) {
        return new Comparison(Outcome.CHECKER_FAILED, 0, judge.isEmpty() ? why : why + "\n" + judge);
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "...";
    }

    private static String text(byte[] bytes) {
        return bytes == null ? "" : new String(bytes, StandardCharsets.UTF_8).stripTrailing();
    }
}
