package dev.judge.core.pipeline;

import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import dev.judge.core.compare.OutputComparator;
import dev.judge.core.compare.protocol.OutputValidatorProtocol;
import dev.judge.core.compare.protocol.TestlibProtocol;
import dev.judge.core.language.Language;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.Limits;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Judges one test of an interactive problem: the submission and the interactor run at once through
 * {@link Sandbox#runPair}, the submission's stdout the interactor's stdin and the other way round.
 *
 * <p>How the interactor is started, in its own work dir, with the test's files beside its program:
 * <ul>
 *   <li>{@link Interactor.Protocol#KATTIS}: {@code interactor input.txt answer.txt feedback/}; exit 42 accepts,
 *       43 rejects, read with {@link OutputValidatorProtocol} together with {@code judgemessage.txt},
 *       {@code teammessage.txt} and {@code score.txt} from the feedback dir ({@code score.txt} in the unit of the
 *       test's weight).</li>
 *   <li>{@link Interactor.Protocol#TESTLIB}: {@code interactor input.txt tout.txt answer.txt}; its exit code and
 *       stderr read as a testlib checker's ({@link TestlibProtocol}). When it accepts and the submission's
 *       comparator is a checker program, that checker decides on the input, {@code tout.txt} and the answer;
 *       otherwise the interactor's outcome stands.</li>
 * </ul>
 *
 * <p>The verdict, from the two results and which ended first, checked in this order (the rules of Kattis'
 * problemtools and DOMjudge):
 * <table>
 *   <caption>Decision table</caption>
 *   <tr><th>#</th><th>Interactor</th><th>Submission</th><th>Verdict</th></tr>
 *   <tr><td>1</td><td>sandbox failure</td><td>any</td><td>IE</td></tr>
 *   <tr><td>2</td><td>any</td><td>sandbox failure</td><td>IE</td></tr>
 *   <tr><td>3</td><td>failed: a signal, its own limits, an exit that is no verdict (Kattis: not 42/43; testlib:
 *       3 FAIL or an unknown code)</td><td>any</td><td>IE; never charged to the submission</td></tr>
 *   <tr><td>4</td><td>rejected (WA, PE) and ended first (against a program stopped at a limit: more than
 *       50 ms of wall time before it; against a program killed by SIGPIPE: always, as the broken pipe was
 *       its doing)</td><td>any, a crash by a broken pipe or a time limit after the rejection
 *       included</td><td>the interactor's WA/PE</td></tr>
 *   <tr><td>5</td><td>accepted, or rejected after the submission ended</td><td>TLE (CPU or wall, a deadlock
 *       included), MLE, OLE, RE</td><td>the submission's TLE/MLE/OLE/RE</td></tr>
 *   <tr><td>6</td><td>rejected after the submission ended</td><td>exited 0 within limits</td><td>WA/PE</td></tr>
 *   <tr><td>7</td><td>accepted (testlib, with a checker program)</td><td>exited 0 within limits</td><td>the
 *       checker's verdict on {@code tout.txt}</td></tr>
 *   <tr><td>8</td><td>accepted, or partial points</td><td>exited 0 within limits</td><td>AC, or the partial
 *       score</td></tr>
 * </table>
 * A deadlock (both waiting to read) ends at the submission's wall time, since the interactor's wall time is its
 * own plus the submission's (rule 5). CPU time, wall time and memory reported are the submission's alone.
 *
 * <p>Limits: the interactor runs under the judge's checker limits (after its language's allowances), never under
 * the submission's, with one change: its wall time also covers the submission's whole run, so it outlasts it.
 *
 * <p>Multi-pass (Kattis {@code validation: custom multi-pass}, {@link Interactor#passes()} above 1): after an
 * accepting pass the interactor may write {@code nextpass.in} in the feedback dir; the submission then runs
 * again, the interactor reading that file as its input, and the other files of the feedback dir carried over.
 * The test's verdict is that of the first pass that fails, or of the last pass. A pass that rejects yet writes
 * {@code nextpass.in}, or a request for a pass beyond {@link Interactor#passes()}, is IE. As in problemtools,
 * the reported CPU time, wall time and memory are the largest of the passes (each pass is held to the limits on
 * its own), and only the last pass's score counts.
 */
final class InteractiveRun {
    static final String INPUT = "input.txt";
    static final String ANSWER = "answer.txt";
    static final String TOUT = "tout.txt";
    static final String FEEDBACK = "feedback";
    static final String NEXT_PASS = "nextpass.in";
    /** Makes the sandbox create the feedback dir before the first pass; not carried over. */
    private static final String FEEDBACK_MARKER = FEEDBACK + "/.created";

    /** How much earlier the interactor must end than a program stopped at a limit to count as first. */
    static final Duration KILL_SLACK = Duration.ofMillis(50);
    private static final int SIGPIPE = 13;

    private static final Logger LOG = LoggerFactory.getLogger(InteractiveRun.class);

    private final Sandbox sandbox;
    private final Interactor interactor;
    private final Language language;
    private final List<SandboxFile> program;
    private final Limits limits;
    private final List<String> command;
    private final OutputComparator checker;
    private final JudgeObserver observer;
    private final int excerptCap;

    /**
     * @param program the interactor's compiled files and, for a JVM language, its main class
     * @param limits  the judge's checker limits, before the interactor language's allowances
     * @param checker the submission's checker program for a testlib interactor's {@code tout.txt}, or null
     */
    InteractiveRun(Sandbox sandbox, Interactor interactor, Language language, Compiled program,
            Limits limits, OutputComparator checker, JudgeObserver observer, int excerptCap) {
        this.sandbox = sandbox;
        this.interactor = interactor;
        this.language = language;
        this.program = program.files();
        this.limits = language.allowFor(limits);
        List<String> cmd = new ArrayList<>(Commands.expand(language.runCommand(), language,
                this.program.stream().map(SandboxFile::path).toList(), limits.memory().toMiB(), program.mainClass()));
        cmd.addAll(interactor.protocol() == Interactor.Protocol.KATTIS
                ? List.of(INPUT, ANSWER, FEEDBACK + "/") : List.of(INPUT, TOUT, ANSWER));
        this.command = List.copyOf(cmd);
        this.checker = checker;
        this.observer = observer;
        this.excerptCap = excerptCap;
    }

    /** Whether {@code sandbox} implements {@link Sandbox#runPair} rather than inheriting the refusal. */
    static boolean connectsPairs(Sandbox sandbox) {
        try {
            return sandbox.getClass().getMethod("runPair", SandboxRequest.class, SandboxRequest.class)
                    .getDeclaringClass() != Sandbox.class;
        } catch (NoSuchMethodException e) {
            return false;
        }
    }

    /** The outcome of one pass: the verdict with its share of the weight and message, and the next pass's input. */
    private record Pass(Verdict verdict, double fraction, String message, byte[] nextInput,
            List<SandboxFile> feedback) {
    }

    /**
     * Runs all passes of test {@code t}.
     *
     * @param request the submission's run request
     * @param allowed the submission's limits after its language's allowances
     */
    TestResult run(String languageId, TestCase t, SandboxRequest request, Limits allowed) {
        byte[] answer = t.expectedOutput() == null ? new byte[0] : t.expectedOutput();
        byte[] input = t.input();
        List<SandboxFile> feedback = List.of();
        Duration cpu = Duration.ZERO;
        Duration wall = Duration.ZERO;
        ByteSize memory = ByteSize.ZERO;
        SandboxResult last = null;
        Pass pass = null;
        for (int n = 1; n <= interactor.passes(); n++) {
            PairResult r;
            try {
                SandboxRequest peer = peerRequest(input, answer, feedback, allowed);
                r = observer.observe(JudgeObserver.Phase.RUN, languageId, () -> sandbox.runPair(request, peer));
            } catch (RuntimeException e) {
                LOG.warn("the sandbox failed on interactive test {}", t.id(), e);
                return result(t, new Verdict.InternalError("sandbox: " + e.getMessage()), 0, "", cpu, wall, memory,
                        last);
            }
            last = r.program();
            cpu = max(cpu, r.program().cpuTime());
            wall = max(wall, r.program().wallTime());
            memory = r.program().peakMemory().isGreaterThan(memory) ? r.program().peakMemory() : memory;
            pass = decide(r, allowed, input, answer, t.weight());
            if (!(pass.verdict() instanceof Verdict.Accepted) || pass.nextInput() == null) {
                break;
            }
            if (n == interactor.passes()) {
                pass = new Pass(new Verdict.InternalError("the interactor wrote " + NEXT_PASS + " in pass " + n
                        + ", the last of " + interactor.passes()), 0, pass.message(), null, List.of());
                break;
            }
            input = pass.nextInput();
            feedback = pass.feedback();
        }
        return result(t, pass.verdict(), t.weight() * pass.fraction(), pass.message(), cpu, wall, memory, last);
    }

    private SandboxRequest peerRequest(byte[] input, byte[] answer, List<SandboxFile> feedback, Limits allowed) {
        List<SandboxFile> files = new ArrayList<>(program);
        files.add(SandboxFile.of(INPUT, input));
        files.add(SandboxFile.of(ANSWER, answer));
        if (interactor.protocol() == Interactor.Protocol.KATTIS) {
            files.add(SandboxFile.of(FEEDBACK_MARKER, new byte[0]));
            files.addAll(feedback);
        }
        // Its wall clock runs for as long as the submission's may, plus its own: it outlasts the submission.
        Duration wall = allowed.wallTime().plus(limits.wallTime());
        Limits own = limits.withWallTime(wall.compareTo(Limits.MAX_TIME) > 0 ? Limits.MAX_TIME : wall);
        List<String> collect = interactor.protocol() == Interactor.Protocol.KATTIS
                ? List.of(FEEDBACK + "/*") : List.of(TOUT);
        return new SandboxRequest(command, files, new byte[0], own, Map.of(), collect, language.profile());
    }

    /** The decision table of the class description, for one pass. */
    private Pass decide(PairResult r, Limits allowed, byte[] input, byte[] answer, double weight) {
        SandboxResult peer = r.peer();
        SandboxResult sub = r.program();
        String peerErr = Utf8.excerpt(peer.stderr(), excerptCap).strip();
        if (peer.termination() == Termination.SANDBOX_FAILURE) {
            return failed("sandbox failure running the interactor: " + peer.message());
        }
        if (sub.termination() == Termination.SANDBOX_FAILURE) {
            return failed("sandbox failure running the program: " + sub.message());
        }
        if (peer.termination() != Termination.EXITED) {
            return failed("interactor stopped: " + peer.termination()
                    + (peer.signal() > 0 ? " signal " + peer.signal() : "")
                    + (peerErr.isEmpty() ? "" : ": " + peerErr));
        }
        Comparison said;
        String teamMessage = "";
        byte[] next = null;
        List<SandboxFile> feedback = new ArrayList<>();
        if (interactor.protocol() == Interactor.Protocol.KATTIS) {
            byte[] judge = null;
            byte[] team = null;
            byte[] score = null;
            for (SandboxFile f : peer.collected()) {
                switch (f.path().substring(FEEDBACK.length() + 1)) {
                    case "judgemessage.txt" -> judge = f.content();
                    case "teammessage.txt" -> team = f.content();
                    case "score.txt" -> score = f.content();
                    case NEXT_PASS -> next = f.content();
                    default -> { }
                }
                if (!f.path().equals(FEEDBACK_MARKER) && !f.path().equals(FEEDBACK + "/" + NEXT_PASS)) {
                    feedback.add(f);
                }
            }
            OutputValidatorProtocol.Result decoded = OutputValidatorProtocol.decode(peer.exitCode(), judge, team,
                    score, weight > 0 ? weight : 1);
            said = decoded.comparison();
            teamMessage = decoded.teamMessage();
        } else {
            said = TestlibProtocol.decode(peer.exitCode(), peer.stderr());
        }
        if (said.outcome() == Outcome.CHECKER_FAILED) {
            return failed("the interactor failed: " + said.message() + (peerErr.isEmpty() ? "" : "\n" + peerErr));
        }
        String message = join(said.message(), teamMessage);
        boolean rejected = said.outcome() == Outcome.WRONG_ANSWER || said.outcome() == Outcome.PRESENTATION_ERROR;
        if (next != null && rejected) {
            return failed("the interactor rejected the pass and still wrote " + NEXT_PASS);
        }
        if (rejected && interactorEndedFirst(r)) {
            return new Pass(Verdicts.ofComparison(said), 0, message, null, List.of());
        }
        Optional<Verdict> ran = Verdicts.ofRun(sub, allowed);
        if (ran.isPresent()) {
            return new Pass(ran.get(), 0, message, null, List.of());
        }
        if (said.outcome() == Outcome.ACCEPTED && checker != null) {
            byte[] tout = peer.collected().stream().filter(f -> f.path().equals(TOUT)).findFirst()
                    .map(SandboxFile::content).orElse(new byte[0]);
            Comparison c;
            try {
                c = CheckerComparator.forWeight(checker, weight).compare(input, answer, tout);
            } catch (RuntimeException e) {
                LOG.warn("the checker failed on an interactor's output", e);
                c = new Comparison(Outcome.CHECKER_FAILED, 0, "comparator failed: " + e);
            }
            said = c;
            message = c.message();
        }
        Verdict verdict = Verdicts.ofComparison(said);
        double fraction = Verdicts.fraction(said);
        return new Pass(verdict, fraction, message, verdict instanceof Verdict.Accepted ? next : null, feedback);
    }

    /**
     * Whether the interactor ended before the program. A program stopped at a limit ended, as DOMjudge counts it,
     * when it reached the limit; a sandbox sees it end only after its kill, which the interactor's reaction (end of
     * file, then its verdict) can beat. So against such a program the interactor counts as first only when its own
     * wall time is shorter by more than {@link #KILL_SLACK}. A program killed by a broken pipe wrote to an
     * interactor that had already let go of its stdin: that follows the interactor, whatever order was seen.
     */
    private static boolean interactorEndedFirst(PairResult r) {
        if (r.program().termination() == Termination.SIGNALED && r.program().signal() == SIGPIPE) {
            return true;
        }
        if (r.endedFirst() != PairResult.Side.PEER) {
            return false;
        }
        boolean stopped = switch (r.program().termination()) {
            case CPU_TIME_LIMIT, WALL_TIME_LIMIT, MEMORY_LIMIT, OUTPUT_LIMIT -> true;
            default -> false;
        };
        return !stopped || r.peer().wallTime().plus(KILL_SLACK).compareTo(r.program().wallTime()) < 0;
    }

    private static Pass failed(String why) {
        return new Pass(new Verdict.InternalError(why), 0, why, null, List.of());
    }

    private TestResult result(TestCase t, Verdict verdict, double score, String message, Duration cpu,
            Duration wall, ByteSize memory, SandboxResult last) {
        int exitCode = last == null ? -1 : last.exitCode();
        int signal = last == null ? 0 : last.signal();
        String stdout = last == null ? "" : Utf8.excerpt(last.stdout(), excerptCap);
        String stderr = last == null ? "" : Utf8.excerpt(last.stderr(), excerptCap);
        return new TestResult(t.id(), verdict, score, cpu, wall, memory, exitCode, signal, stdout, stderr,
                Utf8.excerpt(Utf8.utf8(message), excerptCap));
    }

    private static String join(String a, String b) {
        return a.isEmpty() ? b : b.isEmpty() ? a : a + "\n" + b;
    }

    private static Duration max(Duration a, Duration b) {
        return a.compareTo(b) >= 0 ? a : b;
    }
}
