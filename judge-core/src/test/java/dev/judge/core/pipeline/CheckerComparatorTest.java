package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.compare.Comparators;
import dev.judge.core.compare.Comparison;
import dev.judge.core.compare.Comparison.Outcome;
import dev.judge.core.compare.OutputComparator;
import dev.judge.core.language.Language;
import dev.judge.core.language.Languages;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.ComparatorSpec.Checker.Protocol;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.FakeSandbox;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * How the checker runner calls a checker and reads its report, with a sandbox that answers as the checker
 * would: the request it gets and the decoding of what comes back. Real checkers run in
 * {@code CheckerProtocolsContract}.
 */
class CheckerComparatorTest {
    private static final Language C = Languages.defaults().find("c").orElseThrow();
    private static final List<SandboxFile> PROGRAM = List.of(SandboxFile.executable("main", new byte[] {1}));
    private static final int CAP = 64;

    private final List<SandboxRequest> requests = new ArrayList<>();

    private CheckerComparator checker(Protocol protocol, List<String> arguments,
            Function<SandboxRequest, SandboxResult> answer) {
        FakeSandbox sandbox = new FakeSandbox(r -> {
            requests.add(r);
            return answer.apply(r);
        });
        return new CheckerComparator(sandbox, C, Compiled.ok(PROGRAM, ""), protocol, arguments, Limits.defaults(), CAP);
    }

    private static SandboxResult exited(int code, String stderr, SandboxFile... collected) {
        return new SandboxResult(Termination.EXITED, code, 0, new byte[0], bytes(stderr), false, Duration.ZERO,
                Duration.ZERO, ByteSize.ZERO, List.of(collected), "");
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private static SandboxFile file(String path, String content) {
        return SandboxFile.of(path, bytes(content));
    }

    private static String text(SandboxRequest r, String path) {
        return r.files().stream().filter(f -> f.path().equals(path)).findFirst()
                .map(f -> new String(f.content(), StandardCharsets.UTF_8)).orElse(null);
    }

    @Test
    void aTestlibCheckerGetsTheThreeFilesAndAResultFileToWriteItsXmlReportTo() {
        CheckerComparator c = checker(Protocol.TESTLIB, List.of(), r -> exited(0, ""));
        c.compare(bytes("in"), bytes("ans"), bytes("out"));
        SandboxRequest r = requests.get(0);
        assertThat(r.command()).containsExactly("./main", "input.txt", "output.txt", "answer.txt", "result.xml",
                "-appes");
        assertThat(text(r, "input.txt")).isEqualTo("in");
        assertThat(text(r, "output.txt")).isEqualTo("out");
        assertThat(text(r, "answer.txt")).isEqualTo("ans");
        assertThat(r.stdin()).isEmpty();
        assertThat(r.collect()).containsExactly("result.xml");
        assertThat(r.limits()).isEqualTo(C.allowFor(Limits.defaults()));
    }

    @Test
    void theResultFileDecidesOverStderr() {
        String xml = "<?xml version=\"1.0\" encoding=\"windows-1251\"?><result outcome = \"partially-correct\""
                + " pctype = \"1\">close &amp; near</result>\n";
        CheckerComparator c = checker(Protocol.TESTLIB, List.of(),
                r -> exited(1, "\nSee file to check exit message\n", file("result.xml", xml)));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o")))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.01, "close & near"));
    }

    @Test
    void testlibPointsAreReadInTheUnitOfTheTestsWeight() {
        CheckerComparator c = checker(Protocol.TESTLIB, List.of(), r -> exited(7, "points 3.0 three\n"));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o"), 4))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, "three"));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o"), 3).outcome()).isEqualTo(Outcome.ACCEPTED);
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o")).outcome())
                .as("the plain comparator method: a test worth 1").isEqualTo(Outcome.CHECKER_FAILED);
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o"), 0).outcome())
                .as("a test of weight 0 reads points against 1").isEqualTo(Outcome.CHECKER_FAILED);
        assertThat(CheckerComparator.forWeight(c, 6).compare(bytes("i"), bytes("a"), bytes("o")).fraction())
                .isEqualTo(0.5);
    }

    @Test
    void forWeightLeavesBuiltInComparatorsAsTheyAre() {
        OutputComparator tokens = Comparators.of(ComparatorSpec.tokens());
        assertThat(CheckerComparator.forWeight(tokens, 5)).isSameAs(tokens);
    }

    @Test
    void aKattisValidatorReadsTheOutputOnStdinAndWritesToAnEmptyFeedbackDirectory() {
        CheckerComparator c = checker(Protocol.KATTIS, List.of("case_sensitive", "float_tolerance", "1e-6"),
                r -> exited(42, ""));
        assertThat(c.compare(bytes("in"), bytes("ans"), bytes("out"))).isEqualTo(Comparison.accepted());
        SandboxRequest r = requests.get(0);
        assertThat(r.command()).containsExactly("./main", "input.txt", "answer.txt", "feedback", "case_sensitive",
                "float_tolerance", "1e-6");
        assertThat(new String(r.stdin(), StandardCharsets.UTF_8)).isEqualTo("out");
        assertThat(r.files()).extracting(SandboxFile::path)
                .containsExactly("main", "input.txt", "answer.txt", "feedback/.keep");
        assertThat(text(r, "feedback/.keep")).isEmpty();
        assertThat(r.collect()).containsExactly("feedback/judgemessage.txt", "feedback/teammessage.txt",
                "feedback/score.txt");
    }

    @Test
    void kattisMessagesJudgeFirstThenTheTeamsWithAPrefix() {
        CheckerComparator c = checker(Protocol.KATTIS, List.of(), r -> exited(43, "",
                file("feedback/judgemessage.txt", "expected 5, got 7\n"),
                file("feedback/teammessage.txt", "off by 2\n")));
        assertThat(c.compare(bytes("i"), bytes("5"), bytes("7")))
                .isEqualTo(new Comparison(Outcome.WRONG_ANSWER, 0, "expected 5, got 7\nteam message: off by 2"));
    }

    @Test
    void aLongJudgeMessageLeavesRoomForTheTeamMessage() {
        CheckerComparator c = checker(Protocol.KATTIS, List.of(), r -> exited(43, "",
                file("feedback/judgemessage.txt", "j".repeat(1000)),
                file("feedback/teammessage.txt", "short")));
        String message = c.compare(bytes("i"), bytes("a"), bytes("o")).message();
        assertThat(message).isEqualTo("j".repeat(CAP / 2) + "\nteam message: short");
    }

    @Test
    void kattisFeedbackFilesAreReadUpToTheExcerptCap() {
        CheckerComparator c = checker(Protocol.KATTIS, List.of(), r -> exited(43, "",
                file("feedback/judgemessage.txt", "x".repeat(10_000))));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o")).message()).isEqualTo("x".repeat(CAP));
    }

    @Test
    void kattisScoreIsAShareOfTheTestsWeight() {
        CheckerComparator c = checker(Protocol.KATTIS, List.of(), r -> exited(42, "",
                file("feedback/score.txt", "3\n")));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o"), 4))
                .isEqualTo(new Comparison(Outcome.PARTIAL, 0.75, ""));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o"), 3)).isEqualTo(Comparison.accepted());
    }

    @Test
    void aFailingKattisValidatorKeepsItsStderr() {
        CheckerComparator c = checker(Protocol.KATTIS, List.of(), r -> exited(1, "segfault ahead\n"));
        Comparison result = c.compare(bytes("i"), bytes("a"), bytes("o"));
        assertThat(result.outcome()).isEqualTo(Outcome.CHECKER_FAILED);
        assertThat(result.message()).contains("exited with 1").endsWith("validator stderr: segfault ahead");
    }

    @Test
    void aCheckerStoppedByASignalOrALimitOrALostSandboxFails() {
        CheckerComparator killed = checker(Protocol.TESTLIB, List.of(), r -> new SandboxResult(Termination.SIGNALED,
                -1, 9, new byte[0], bytes("bye"), false, Duration.ZERO, Duration.ZERO, ByteSize.ZERO, List.of(), ""));
        assertThat(killed.compare(bytes("i"), bytes("a"), bytes("o")))
                .isEqualTo(new Comparison(Outcome.CHECKER_FAILED, 0, "checker stopped: SIGNALED signal 9: bye"));
        CheckerComparator slow = checker(Protocol.KATTIS, List.of(), r -> new SandboxResult(
                Termination.CPU_TIME_LIMIT, -1, 0, new byte[0], new byte[0], false, Duration.ofSeconds(6),
                Duration.ofSeconds(6), ByteSize.ZERO, List.of(), ""));
        assertThat(slow.compare(bytes("i"), bytes("a"), bytes("o")).outcome()).isEqualTo(Outcome.CHECKER_FAILED);
        CheckerComparator lost = checker(Protocol.TESTLIB, List.of(), r -> {
            throw new SandboxException("closed");
        });
        assertThat(lost.compare(bytes("i"), bytes("a"), bytes("o")))
                .isEqualTo(new Comparison(Outcome.CHECKER_FAILED, 0, "the sandbox could not run the checker: closed"));
    }

    @Test
    void theTestlibOutcomeLineIsFoundAfterLongChatter() {
        String chatter = "debug line\n".repeat(100_000);
        CheckerComparator c = checker(Protocol.TESTLIB, List.of(), r -> exited(1, chatter + "wrong answer 3 != 4\n"));
        assertThat(c.compare(bytes("i"), bytes("a"), bytes("o"))).isEqualTo(Comparison.wrong("3 != 4"));
    }
}
