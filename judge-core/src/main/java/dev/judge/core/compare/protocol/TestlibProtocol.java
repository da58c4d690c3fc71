package dev.judge.core.compare.protocol;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Decodes what a testlib checker ({@code checker input output answer [result-file [-appes]]}) reports, as
 * {@code testlib.h} built with its defaults writes it.
 *
 * <p>testlib ends a checker with {@code quit}/{@code quitf}/{@code quitp}/{@code quitpi}: it writes
 * "{@code <outcome> <message>}" and a newline to stderr, where the outcome is {@code ok}, {@code wrong answer},
 * {@code wrong output format}, {@code FAIL}, {@code points}, {@code unexpected eof} or
 * {@code partially correct (n)}, then exits. Given a result file it writes only the message there instead (with
 * {@code -appes}, an XML {@code <result outcome="..." [points="..."|pctype="..."]>message</result>}), and stderr
 * says "See file to check exit message". The outcome is read from the exit code, the message from the result file
 * when there is one, else from the outcome line at the end of stderr (a line starting with the outcome that the
 * exit code stands for; what the checker printed to stderr before it is not part of the message). When no such
 * line is there, as from a checker that only follows the exit codes, the whole of stderr is the message.
 *
 * <ul>
 *   <li>0: {@link Outcome#ACCEPTED}, fraction 1, the checker's message kept (testlib's "ok" messages say what
 *       was checked).</li>
 *   <li>1: {@link Outcome#WRONG_ANSWER}.</li>
 *   <li>2: {@link Outcome#PRESENTATION_ERROR}; testlib also exits 2 for {@code _dirt} (extra output after the
 *       answer) and, unless built with {@code ENABLE_UNEXPECTED_EOF}, for {@code _unexpected_eof}.</li>
 *   <li>4 ({@code _dirt}'s own code) and 8 ({@code _unexpected_eof} with {@code ENABLE_UNEXPECTED_EOF}):
 *       {@link Outcome#PRESENTATION_ERROR}, as testlib reports both ("wrong output format" for dirt, and
 *       a presentation error for an unexpected end of file without that option).</li>
 *   <li>3: {@link Outcome#CHECKER_FAILED} (testlib's {@code _fail}: the checker or the test data is wrong).</li>
 *   <li>7 ({@code quitp}, {@code quitpi}): the points are the first word after "points" (stderr) or of the
 *       message (result file), as {@code quitp} prints them: {@code %.10f} without trailing zeros
 *       ({@code 0.5}, {@code 1.0}), {@code %d} for an integer; {@code quitpi}'s {@code points_info=X} counts
 *       when X is a number. The rest, after one space, is the message. The points are interpreted relative to
 *       {@code maxPoints} (what the test is worth in the checker's unit, 1 by default): the fraction is
 *       {@code points / maxPoints}; equal to {@code maxPoints} is {@link Outcome#ACCEPTED}, 0 is
 *       {@link Outcome#WRONG_ANSWER}, between them {@link Outcome#PARTIAL}. Points above {@code maxPoints}
 *       (beyond rounding), negative or missing points are {@link Outcome#CHECKER_FAILED}: a checker that claims
 *       more than the test is worth is wrong, and clamping would hide it.</li>
 *   <li>{@code _pc(n)} ("partially correct"): testlib exits {@code PC_BASE_EXIT_CODE + n}, where the base is 0
 *       by default and 50 with {@code TESTSYS} (16, the value of {@code _partially}, is an enum value only; it
 *       never reaches the exit code, but builds that set the base to it are read too). A "partially correct (n)"
 *       outcome (on stderr, or {@code pctype} with {@code -appes}) with exit code n, 16 + n or 50 + n is
 *       {@link Outcome#PARTIAL} with fraction {@code n / 100}: testlib leaves the meaning of n to the judging
 *       system, and a percentage is the reading here; n above 100 is {@link Outcome#CHECKER_FAILED}. Without
 *       that text (a plain result file, or a checker that writes nothing), an exit code from 0 to 100 that is
 *       none of the codes above, so 5, 6 or 9 to 100, is {@code _pc} with the default base. With the default
 *       base only the text tells {@code _pc(1)} from a wrong answer.</li>
 *   <li>Any other exit code: {@link Outcome#CHECKER_FAILED}.</li>
 * </ul>
 *
 * <p>Text is decoded as UTF-8 with replacement; terminal colour sequences (testlib colours its outcome when
 * stderr is a terminal) are removed; XML entities of the {@code -appes} form are decoded.
 */
public final class TestlibProtocol {

    private static final Pattern COLOURS = Pattern.compile("\u001b\\[[0-9;]*m");
    private static final Pattern APPES = Pattern.compile(
            "(?s)\\s*(?:<\\?xml[^>]*\\?>)?\\s*<result\\s+outcome\\s*=\\s*\"([^\"]*)\"(.*?)>(.*)</result>\\s*");
    private static final Pattern ATTRIBUTE = Pattern.compile("(\\w+)\\s*=\\s*\"([^\"]*)\"");
    private static final Pattern PARTIALLY = Pattern.compile("partially correct \\((\\d{1,9})\\) ");
    private static final Pattern NUMBER = Pattern.compile("[+-]?(?:\\d+\\.?\\d*|\\.\\d+)(?:[eE][+-]?\\d+)?");

    private TestlibProtocol() {
    }

    /**
     * The outcome of a testlib checker called without a result file, its points relative to 1.
     *
     * @param exitCode the checker's exit code
     * @param stderr   what it wrote to stderr
     */
    public static Comparison decode(int exitCode, byte[] stderr) {
        return decode(exitCode, stderr, null, 1);
    }

    /**
     * The outcome of a testlib checker; see the class description.
     *
     * @param exitCode   the checker's exit code
     * @param stderr     what it wrote to stderr; null for nothing
     * @param resultFile the content of the result file given as its fourth argument, or null when there was none
     *                   (or it was not written); with {@code -appes} the XML form
     * @param maxPoints  what the test is worth in the unit of {@code quitp}'s points; finite, above 0
     * @throws IllegalArgumentException when {@code maxPoints} is not a finite number above 0
     */
    public static Comparison decode(int exitCode, byte[] stderr, byte[] resultFile, double maxPoints) {
        if (!(Double.isFinite(maxPoints) && maxPoints > 0)) {
            throw new IllegalArgumentException("maxPoints must be a finite number above 0, was " + maxPoints);
        }
        Report report = resultFile != null && resultFile.length > 0
                ? fromResultFile(exitCode, text(resultFile))
                : fromStderr(exitCode, stderr == null ? "" : text(stderr));
        if (report.partially >= 0) {
            return partially(report.partially, report.message);
        }
        return switch (exitCode) {
            case 0 -> new Comparison(Outcome.ACCEPTED, 1, report.message);
            case 1 -> new Comparison(Outcome.WRONG_ANSWER, 0, report.message);
            case 2, 4, 8 -> new Comparison(Outcome.PRESENTATION_ERROR, 0, report.message);
            case 3 -> failed(report.message);
            case 7 -> points(report, maxPoints);
            default -> exitCode >= 0 && exitCode <= 100
                    ? partially(exitCode, report.message)
                    : failed("checker exited with " + exitCode + ", which is no testlib outcome"
                            + (report.message.isEmpty() ? "" : ": " + report.message));
        };
    }

    /**
     * The message, and for {@code _pc(n)} its n (else -1); {@code points} holds the points word of a points
     * outcome when the result file's {@code points} attribute gave it apart from the message.
     */
    private record Report(String message, int partially, String points) {
        static Report of(String message) {
            return new Report(message, -1, null);
        }
    }

    private static Report fromStderr(int exitCode, String stderr) {
        String text = COLOURS.matcher(stderr).replaceAll("");
        String name = outcomeName(exitCode);
        String prefix = name == null ? null : name + " ";
        Matcher pc = PARTIALLY.matcher(text);
        // The outcome line is the last line starting with an outcome the exit code stands for.
        int start = text.length();
        while (start > 0) {
            start = text.lastIndexOf('\n', start - 2) + 1;
            if (prefix != null && text.startsWith(prefix, start)) {
                return Report.of(text.substring(start + prefix.length()).strip());
            }
            pc.region(start, text.length());
            if (pc.lookingAt() && fitsPartially(exitCode, Integer.parseInt(pc.group(1)))) {
                return new Report(text.substring(pc.end()).strip(), Integer.parseInt(pc.group(1)), null);
            }
        }
        return Report.of(text.replace("See file to check exit message", "").strip());
    }

    private static Report fromResultFile(int exitCode, String content) {
        Matcher m = APPES.matcher(content);
        if (!m.matches()) {
            return Report.of(content.strip());
        }
        String outcome = m.group(1);
        String message = unescape(m.group(3)).strip();
        String pctype = null;
        String points = null;
        Matcher a = ATTRIBUTE.matcher(m.group(2));
        while (a.find()) {
            if (a.group(1).equals("pctype")) {
                pctype = a.group(2);
            } else if (a.group(1).equals("points")) {
                points = a.group(2);
            }
        }
        if (outcome.equals("partially-correct") && pctype != null && pctype.matches("\\d{1,9}")
                && fitsPartially(exitCode, Integer.parseInt(pctype))) {
            return new Report(message, Integer.parseInt(pctype), null);
        }
        return new Report(message, -1, outcome.equals("points") ? points : null);
    }

    /** What testlib writes to stderr before the message for an exit code, or null when no outcome exits so. */
    private static String outcomeName(int exitCode) {
        return switch (exitCode) {
            case 0 -> "ok";
            case 1 -> "wrong answer";
            case 2, 4 -> "wrong output format";
            case 3 -> "FAIL";
            case 7 -> "points";
            case 8 -> "unexpected eof";
            default -> null;
        };
    }

    private static boolean fitsPartially(int exitCode, int n) {
        return exitCode == n || exitCode == 16 + n || exitCode == 50 + n;
    }

    private static Comparison partially(int n, String message) {
        if (n > 100) {
            return failed("partially correct (" + n + ") is more than 100 percent"
                    + (message.isEmpty() ? "" : ": " + message));
        }
        return new Comparison(Outcome.PARTIAL, n / 100.0, message);
    }

    private static Comparison points(Report report, double maxPoints) {
        // quitp puts the points first in its message; the -appes attribute repeats them (as %.10f).
        String message = report.message;
        int space = message.indexOf(' ');
        String first = space < 0 ? message : message.substring(0, space);
        String rest = space < 0 ? "" : message.substring(space + 1).strip();
        String word = report.points;
        if (word == null || sameNumber(first, word)) {
            word = word == null ? first : word;
            message = rest;
        }
        if (word.startsWith("points_info=")) {
            word = word.substring("points_info=".length());
        }
        if (!NUMBER.matcher(word).matches()) {
            return failed("exit code 7 (points) without a number of points"
                    + (report.message.isEmpty() ? "" : ": " + report.message));
        }
        double points = Double.parseDouble(word);
        if (!(Double.isFinite(points) && points >= 0) || points > maxPoints * (1 + 1e-9)) {
            return failed(String.format(Locale.ROOT, "points %s are outside [0, %s]", word,
                    stripZeros(maxPoints)) + (message.isEmpty() ? "" : ": " + message));
        }
        double fraction = Math.min(1, points / maxPoints);
        if (fraction >= 1 - 1e-9) {
            return new Comparison(Outcome.ACCEPTED, 1, message);
        }
        return new Comparison(fraction == 0 ? Outcome.WRONG_ANSWER : Outcome.PARTIAL, fraction, message);
    }

    private static boolean sameNumber(String a, String b) {
        return NUMBER.matcher(a).matches() && NUMBER.matcher(b).matches()
                && Double.parseDouble(a) == Double.parseDouble(b);
    }

    private static String stripZeros(double d) {
        return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
    }

    private static Comparison failed(String message) {
        return new Comparison(Outcome.CHECKER_FAILED, 0, message);
    }

    private static String unescape(String xml) {
        return xml.replace("&lt;", "<").replace("&gt;", ">").replace("&quot;", "\"").replace("&amp;", "&");
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }
}
