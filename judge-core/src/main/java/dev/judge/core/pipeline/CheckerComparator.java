package dev.judge.core.pipeline;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import dev.judge.core.compare.OutputComparator;
import dev.judge.core.compare.protocol.OutputValidatorProtocol;
import dev.judge.core.compare.protocol.TestlibProtocol;
import dev.judge.core.language.Language;
import dev.judge.core.model.ComparatorSpec.Checker.Protocol;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A checker program run in the sandbox for each test, in a fresh work dir holding its program files and the
 * test's files, and decoded by its protocol.
 *
 * <ul>
 *   <li>{@link Protocol#TESTLIB}: {@code <run command> input.txt output.txt answer.txt result.xml -appes}. testlib
 *       writes its outcome to the result file in its XML form, which keeps a {@code _pc(n)} apart from a wrong
 *       answer and the message apart from what the checker printed while checking; checkers that ignore the
 *       extra arguments report on stderr instead. Both are read by {@link TestlibProtocol}.</li>
 *   <li>{@link Protocol#KATTIS}: {@code <run command> input.txt answer.txt feedback/ [arguments]} with the
 *       program's output on stdin; {@code judgemessage.txt}, {@code teammessage.txt} and {@code score.txt} are
 *       read back from {@code feedback/} and decoded by {@link OutputValidatorProtocol}. The sandbox makes
 *       directories only as the parents of the files it places, so {@code feedback/} is made by an empty
 *       {@code feedback/.keep}; the validator finds a directory it may write to that holds nothing of the
 *       test's.</li>
 * </ul>
 *
 * <p>Points are read in the unit of the test's weight ({@link #compare(byte[], byte[], byte[], double)}); through
 * the plain {@link OutputComparator} method a test is worth 1. A checker stopped by a signal or a limit, or one the
 * sandbox could not run, is a checker failure. Each message and feedback file is cut to the judge's excerpt cap.
 */
final class CheckerComparator implements OutputComparator {
    static final String INPUT = "input.txt";
    static final String OUTPUT = "output.txt";
    static final String ANSWER = "answer.txt";
    static final String RESULT = "result.xml";
    static final String FEEDBACK = "feedback";
    static final String JUDGE_MESSAGE = FEEDBACK + "/judgemessage.txt";
    static final String TEAM_MESSAGE = FEEDBACK + "/teammessage.txt";
    static final String SCORE = FEEDBACK + "/score.txt";
    /** How the Kattis team message is set apart from the judge message in the test's checker message. */
    static final String TEAM_MESSAGE_PREFIX = "team message: ";

    /**
     * Bytes of a testlib result file decoded. testlib cuts its messages to 32000 characters; escaped for XML
     * they stay below this, so a whole report is read and only a larger, foreign file is cut.
     */
    private static final int RESULT_FILE_CAP = 256 * 1024;
    /** Bytes of stderr decoded, from its end, where testlib's outcome line is. */
    private static final int STDERR_TAIL = 256 * 1024;

    private final Sandbox sandbox;
    private final Language language;
    private final List<SandboxFile> program;
    private final Protocol protocol;
    private final Limits limits;
    private final List<String> command;
    private final int messageCap;

    CheckerComparator(Sandbox sandbox, Language language, List<SandboxFile> program, Limits limits, int messageCap) {
        this(sandbox, language, Compiled.ok(program, ""), Protocol.TESTLIB, List.of(), limits, messageCap);
    }

    /**
     * @param program   the checker's compiled files and, for a JVM language, its main class
     * @param arguments extra arguments after the protocol's own (Kattis {@code validator_flags})
     * @param limits    limits of each run, before the language's allowances
     */
    CheckerComparator(Sandbox sandbox, Language language, Compiled program, Protocol protocol,
            List<String> arguments, Limits limits, int messageCap) {
        this.sandbox = sandbox;
        this.language = language;
        this.program = program.files();
        this.protocol = protocol;
        this.limits = language.allowFor(limits);
        List<String> names = this.program.stream().map(SandboxFile::path).toList();
        List<String> cmd = new ArrayList<>(Commands.expand(language.runCommand(), language, names,
                limits.memory().toMiB(), program.mainClass()));
        if (protocol == Protocol.TESTLIB) {
            cmd.addAll(List.of(INPUT, OUTPUT, ANSWER, RESULT, "-appes"));
        } else {
            cmd.addAll(List.of(INPUT, ANSWER, FEEDBACK));
        }
        cmd.addAll(arguments);
        this.command = List.copyOf(cmd);
        this.messageCap = messageCap;
    }

    /**
     * The comparator that judges a test of this weight: a checker program reads its points in the unit of the
     * weight, any other comparator is returned as it is.
     */
    static OutputComparator forWeight(OutputComparator comparator, double weight) {
        return comparator instanceof CheckerComparator checker
                ? (input, expected, actual) -> checker.compare(input, expected, actual, weight)
                : comparator;
    }

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        return compare(input, expected, actual, 1);
    }

    /**
     * @param weight what the test is worth: the unit of the points the checker reports (1 when 0)
     */
    Comparison compare(byte[] input, byte[] expected, byte[] actual, double weight) {
        double maxPoints = weight > 0 ? weight : 1;
        byte[] answer = expected == null ? new byte[0] : expected;
        List<SandboxFile> files = new ArrayList<>(program);
        files.add(SandboxFile.of(INPUT, input));
        files.add(SandboxFile.of(ANSWER, answer));
        SandboxRequest request;
        if (protocol == Protocol.TESTLIB) {
            files.add(SandboxFile.of(OUTPUT, actual));
            request = new SandboxRequest(command, files, new byte[0], limits, Map.of(), List.of(RESULT),
                    language.profile());
        } else {
            files.add(SandboxFile.of(FEEDBACK + "/.keep", new byte[0]));
            request = new SandboxRequest(command, files, actual, limits, Map.of(),
                    List.of(JUDGE_MESSAGE, TEAM_MESSAGE, SCORE), language.profile());
        }
        SandboxResult r;
        try {
            r = sandbox.run(request);
        } catch (RuntimeException e) {
            return failed("the sandbox could not run the checker: " + e.getMessage());
        }
        if (r.termination() != Termination.EXITED) {
            String stderr = Utf8.excerpt(r.stderr(), messageCap).strip();
            return failed("checker stopped: " + r.termination() + (r.signal() > 0 ? " signal " + r.signal() : "")
                    + (r.message().isBlank() ? "" : " " + r.message()) + (stderr.isEmpty() ? "" : ": " + stderr));
        }
        return protocol == Protocol.TESTLIB ? testlib(r, maxPoints) : kattis(r, maxPoints);
    }

    private Comparison testlib(SandboxResult r, double maxPoints) {
        return TestlibProtocol.decode(r.exitCode(), tail(r.stderr(), STDERR_TAIL), collected(r, RESULT,
                RESULT_FILE_CAP), maxPoints);
    }

    private Comparison kattis(SandboxResult r, double maxPoints) {
        OutputValidatorProtocol.Result decoded = OutputValidatorProtocol.decode(r.exitCode(),
                collected(r, JUDGE_MESSAGE, messageCap), collected(r, TEAM_MESSAGE, messageCap),
                collected(r, SCORE, messageCap), maxPoints);
        Comparison c = decoded.comparison();
        String message = c.message();
        if (c.outcome() == Outcome.CHECKER_FAILED) {
            // What the validator printed is the best clue to why it failed; DOMjudge keeps it too.
            String stderr = Utf8.excerpt(r.stderr(), messageCap).strip();
            message = stderr.isEmpty() ? message : message + "\nvalidator stderr: " + stderr;
        }
        String team = decoded.teamMessage().strip();
        if (!team.isEmpty()) {
            // The test has one checker message: the judges' part may not crowd out the contestant's.
            String judge = Utf8.excerpt(Utf8.utf8(message), messageCap / 2).strip();
            message = (judge.isEmpty() ? "" : judge + "\n") + TEAM_MESSAGE_PREFIX + team;
        }
        return new Comparison(c.outcome(), c.fraction(), message);
    }

    /** The first {@code cap} bytes of a collected file, or null when the checker did not write it. */
    private static byte[] collected(SandboxResult r, String path, int cap) {
        for (SandboxFile f : r.collected()) {
            if (f.path().equals(path)) {
                byte[] content = f.content();
                return content.length <= cap ? content : Arrays.copyOf(content, cap);
            }
        }
        return null;
    }

    private static byte[] tail(byte[] bytes, int max) {
        return bytes.length <= max ? bytes : Arrays.copyOfRange(bytes, bytes.length - max, bytes.length);
    }

    private static Comparison failed(String why) {
        return new Comparison(Outcome.CHECKER_FAILED, 0, why);
    }
}
