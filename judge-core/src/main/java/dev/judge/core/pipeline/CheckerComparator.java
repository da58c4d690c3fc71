package dev.judge.core.pipeline;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import dev.judge.core.compare.OutputComparator;
import dev.judge.core.language.Language;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A checker program speaking the testlib exit protocol, run in the sandbox as
 * {@code <run command> input.txt output.txt answer.txt} with the three files in its work dir.
 *
 * <p>Exit codes: 0 accepted, 1 wrong answer, 2 presentation error, 3 the checker failed (the test gets IE),
 * 7 partial points. For partial points the first whitespace-separated token of the checker's stdout, or of its
 * stderr when stdout is empty, is the earned share as a number in [0, 1]. Anything else (another exit code, a
 * signal, a limit) means the checker failed. The checker's stderr is the comparison's message.
 */
final class CheckerComparator implements OutputComparator {
    static final String INPUT = "input.txt";
    static final String OUTPUT = "output.txt";
    static final String ANSWER = "answer.txt";

    private final Sandbox sandbox;
    private final Language language;
    private final List<SandboxFile> program;
    private final Limits limits;
    private final List<String> command;
    private final int messageCap;

    CheckerComparator(Sandbox sandbox, Language language, List<SandboxFile> program, Limits limits, int messageCap) {
        this(sandbox, language, Compiled.ok(program, ""), limits, messageCap);
    }

    CheckerComparator(Sandbox sandbox, Language language, Compiled program, Limits limits, int messageCap) {
        this.sandbox = sandbox;
        this.language = language;
        this.program = program.files();
        this.limits = language.allowFor(limits);
        List<String> names = this.program.stream().map(SandboxFile::path).toList();
        List<String> cmd = new ArrayList<>(Commands.expand(language.runCommand(), language, names,
                limits.memory().toMiB(), program.mainClass()));
        cmd.addAll(List.of(INPUT, OUTPUT, ANSWER));
        this.command = List.copyOf(cmd);
        this.messageCap = messageCap;
    }

    @Override
    public Comparison compare(byte[] input, byte[] expected, byte[] actual) {
        List<SandboxFile> files = new ArrayList<>(program);
        files.add(SandboxFile.of(INPUT, input));
        files.add(SandboxFile.of(OUTPUT, actual));
        files.add(SandboxFile.of(ANSWER, expected == null ? new byte[0] : expected));
        SandboxResult r;
        try {
            r = sandbox.run(new SandboxRequest(command, files, new byte[0], limits, Map.of(), List.of(),
                    language.profile()));
        } catch (RuntimeException e) {
            return failed("the sandbox could not run the checker: " + e.getMessage());
        }
        String message = Utf8.excerpt(r.stderr(), messageCap).strip();
        if (r.termination() != dev.judge.core.sandbox.Termination.EXITED) {
            return failed("checker stopped: " + r.termination() + (r.signal() > 0 ? " signal " + r.signal() : "")
                    + (r.message().isBlank() ? "" : " " + r.message()) + (message.isEmpty() ? "" : ": " + message));
        }
        return switch (r.exitCode()) {
            case 0 -> new Comparison(Outcome.ACCEPTED, 1, message);
            case 1 -> new Comparison(Outcome.WRONG_ANSWER, 0, message);
            case 2 -> new Comparison(Outcome.PRESENTATION_ERROR, 0, message);
            case 3 -> failed(message.isEmpty() ? "the checker reported a judge failure (exit code 3)" : message);
            case 7 -> partial(r, message);
            default -> failed("checker exited with code " + r.exitCode() + (message.isEmpty() ? "" : ": " + message));
        };
    }

    private Comparison partial(SandboxResult r, String message) {
        String out = Utf8.excerpt(r.stdout(), 256).strip();
        String source = out.isEmpty() ? message : out;
        String token = source.isEmpty() ? "" : source.split("\\s+", 2)[0];
        double fraction;
        try {
            fraction = Double.parseDouble(token);
        } catch (NumberFormatException e) {
            return failed("partial points (exit code 7) need a number in [0, 1] as the first token, got '"
                    + token + "'");
        }
        if (!(fraction >= 0 && fraction <= 1)) {
            return failed("partial points must be within [0, 1], got " + token);
        }
        return new Comparison(Outcome.PARTIAL, fraction, message);
    }

    private static Comparison failed(String why) {
        return new Comparison(Outcome.CHECKER_FAILED, 0, why);
    }
}
