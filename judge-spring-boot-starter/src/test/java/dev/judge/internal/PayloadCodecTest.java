package dev.judge.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.GroupResult;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.PhaseTimes;
import dev.judge.core.model.Priority;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TraceContext;
import dev.judge.core.model.TestGroup;
import dev.judge.core.model.TestResult;
import dev.judge.core.model.Verdict;
import dev.judge.core.model.WorkFile;
import dev.judge.core.queue.JudgeJob;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PayloadCodecTest {

    private static final List<ComparatorSpec> COMPARATORS = List.of(ComparatorSpec.exact(), ComparatorSpec.lines(),
            ComparatorSpec.tokens(), ComparatorSpec.floats(1e-9, 0.25), ComparatorSpec.unorderedLines(),
            ComparatorSpec.caseInsensitive(), ComparatorSpec.kattis(null),
            ComparatorSpec.kattis("case_sensitive space_change_sensitive float_absolute_tolerance 1e-6"),
            new ComparatorSpec.Checker("cpp17", List.of(SourceFile.main("int main(){}"),
                    new SourceFile("testlib.h", "// ünïcode \u0000 and \"quotes\"\n"))),
            ComparatorSpec.kattisValidator("c", List.of(SourceFile.main("int main(){return 42;}")),
                    "case_sensitive  float_tolerance 1e-6"),
            ComparatorSpec.kattisValidator("c", List.of(SourceFile.main("int main(){return 43;}")), null));

    private static final List<Verdict> VERDICTS = List.of(Verdict.ACCEPTED, Verdict.WRONG_ANSWER,
            Verdict.PRESENTATION_ERROR, Verdict.CPU_TIME_LIMIT, Verdict.WALL_TIME_LIMIT, Verdict.MEMORY_LIMIT,
            Verdict.OUTPUT_LIMIT, Verdict.RuntimeError.exit(3), Verdict.RuntimeError.signal(11),
            Verdict.COMPILATION_ERROR, new Verdict.InternalError("sandbox \"failed\""), new Verdict.InternalError(null),
            Verdict.SKIPPED);

    @Test
    void jobsRoundTripWithEveryComparator() {
        Limits limits = Limits.defaults().withCpuTime(Duration.ofNanos(1_234_567_891)).withWallTime(Duration.ofSeconds(7))
                .withMemory(ByteSize.ofBytes(1024L * 1024 + 7)).withProcesses(17).withOutputSize(ByteSize.ofKiB(3))
                .withFileSize(ByteSize.ZERO).withStack(ByteSize.ofMiB(8)).withOpenFiles(99).withNetwork(true);
        for (ComparatorSpec c : COMPARATORS) {
            Submission s = new Submission("python3",
                    List.of(SourceFile.main("print(input())"), new SourceFile("util.py", "x = 'ä'\r\n")),
                    List.of(TestCase.of("1", "in\n", "out\n"),
                            new TestCase("bin", new byte[] {0, (byte) 0xff, (byte) 0xc3, 10}, null, 2.5, "g1", true),
                            new TestCase("empty", new byte[0], new byte[0], 0.0, null, false)),
                    limits, c, new JudgeOptions(true));
            for (Priority p : Priority.values()) {
                JudgeJob job = new JudgeJob("job-" + p, s, p, Instant.parse("2026-11-23T10:00:00.123456789Z"));
                String json = PayloadCodec.jobToJson(job);
                assertThat(PayloadCodec.jobFromJson(json)).isEqualTo(job);
            }
        }
    }

    @Test
    void resultsRoundTripWithEveryVerdict() {
        List<TestResult> tests = new ArrayList<>();
        int i = 0;
        for (Verdict v : VERDICTS) {
            tests.add(new TestResult("t" + i++, v, 0.5 * i, Duration.ofNanos(123_456_789L * i), Duration.ofMillis(i),
                    ByteSize.ofBytes(4096L * i + 1), i - 3, i % 3, "out " + i, "err\t" + i, "msg " + i));
        }
        tests.add(TestResult.skipped("last"));
        for (Verdict v : VERDICTS) {
            SubmissionResult r = new SubmissionResult("id-1", Status.FINISHED, "warning: ünused", tests, v, 7.25,
                    Double.NaN, Instant.parse("2026-01-02T03:04:05.000000001Z"));
            assertThat(PayloadCodec.resultFromJson(PayloadCodec.resultToJson(r))).isEqualTo(r);
        }
        SubmissionResult queued = SubmissionResult.queued("q", Instant.now());
        assertThat(PayloadCodec.resultFromJson(PayloadCodec.resultToJson(queued))).isEqualTo(queued);
        SubmissionResult running = new SubmissionResult("r", Status.RUNNING, "", tests.subList(0, 2), null,
                Double.POSITIVE_INFINITY, -0.0, Instant.EPOCH);
        assertThat(PayloadCodec.resultFromJson(PayloadCodec.resultToJson(running))).isEqualTo(running);
    }

    @Test
    void jobsRoundTripWithWhatTheySayAboutTheirProblem() {
        Submission plain = Submission.of("cpp", "int main(){}", List.of(TestCase.of("1", "", "").inGroup("a"),
                TestCase.of("2", "", "").inGroup("b"), TestCase.of("3", "", "")));
        Submission s = plain
                .withGroups(List.of(TestGroup.of("a", 30),
                        TestGroup.of("b", 70).withScoring(TestGroup.Scoring.SUM).dependingOn("a").stoppingOnFirstFailure()))
                .withSupportFiles(List.of(new SourceFile("grader.cpp", "#include \"lib.h\""), new SourceFile("lib.h", "")))
                .withIo(FileIo.files("input.txt", null))
                .withInteractor(new Interactor("cpp", List.of(SourceFile.main("int main(){return 42;}")),
                        Interactor.Protocol.KATTIS, 3));
        for (Submission each : List.of(plain, s, plain.withIo(FileIo.files(null, "out.txt")))) {
            JudgeJob job = new JudgeJob("job", each, Priority.NORMAL, Instant.EPOCH);
            assertThat(PayloadCodec.jobFromJson(PayloadCodec.jobToJson(job))).isEqualTo(job);
        }
    }

    @Test
    void jobsRoundTripWithCompilerOptionsAndProgramArguments() {
        Submission s = Submission.of("c", "int main(){}", List.of(TestCase.of("1", "", "")))
                .withOptions(new JudgeOptions(true, List.of("-O2", "-DNAME=a b"), List.of("x y", "", "'$HOME'")));
        JudgeJob job = new JudgeJob("job", s, Priority.NORMAL, Instant.EPOCH);
        String json = PayloadCodec.jobToJson(job);
        assertThat(PayloadCodec.jobFromJson(json)).isEqualTo(job);
        // a payload written before the arguments existed reads as one without any
        String older = json.replaceAll(",\"compilerOptions\":\\[[^\\]]*\\],\"programArguments\":\\[[^\\]]*\\]", "");
        assertThat(older).doesNotContain("programArguments");
        assertThat(PayloadCodec.jobFromJson(older).submission().options()).isEqualTo(new JudgeOptions(true));
    }

    @Test
    void jobsCarryTheirTraceAndReadWithoutOne() {
        Submission s = Submission.of("c", "int main(){}", List.of(TestCase.of("1", "", "")));
        TraceContext trace = TraceContext.of(Map.of("traceparent",
                "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01", "tracestate", "judge=1"));
        JudgeJob job = new JudgeJob("job", s, Priority.NORMAL, Instant.EPOCH, trace);
        String json = PayloadCodec.jobToJson(job);
        assertThat(json).contains("\"v\":2").contains("\"traceparent\"");
        assertThat(PayloadCodec.jobFromJson(json)).isEqualTo(job);
        assertThat(PayloadCodec.jobFromJson(json).trace().traceId()).hasValue("4bf92f3577b34da6a3ce929d0e0e4736");
        String untraced = PayloadCodec.jobToJson(new JudgeJob("job", s, Priority.NORMAL, Instant.EPOCH));
        assertThat(untraced).doesNotContain("trace");
        assertThat(PayloadCodec.jobFromJson(untraced).trace()).isEqualTo(TraceContext.NONE);
    }

    @Test
    void jobsWithWorkFilesOrJoinedStderrRoundTripAsVersionThree() {
        Submission plain = Submission.of("c", "int main(){}", List.of(TestCase.of("1", "", "")));
        Submission work = plain.withWorkFiles(List.of(new WorkFile("data/in.bin", new byte[] {0, (byte) 0xff}, false),
                new WorkFile("run", "echo hi".getBytes(java.nio.charset.StandardCharsets.UTF_8), true)));
        Submission joined = plain.withOptions(plain.options().withStderrToStdout(true));
        for (Submission s : List.of(work, joined)) {
            JudgeJob job = new JudgeJob("job", s, Priority.NORMAL, Instant.EPOCH);
            String json = PayloadCodec.jobToJson(job);
            assertThat(json).contains("\"v\":3");
            assertThat(PayloadCodec.jobFromJson(json)).isEqualTo(job);
        }
        // without either, a job stays readable by nodes that know version 2
        assertThat(PayloadCodec.jobToJson(new JudgeJob("job", plain, Priority.NORMAL, Instant.EPOCH)))
                .contains("\"v\":2").doesNotContain("workFiles").doesNotContain("stderrToStdout");
    }

    @Test
    void resultsRoundTripWithGroupResults() {
        SubmissionResult r = new SubmissionResult("id", Status.FINISHED, "", List.of(TestResult.skipped("1")),
                Verdict.WRONG_ANSWER, 30, 100, Instant.EPOCH, List.of(new GroupResult("a", Verdict.ACCEPTED, 30, 30),
                        new GroupResult("b", Verdict.WRONG_ANSWER, 0, 70)));
        assertThat(PayloadCodec.resultFromJson(PayloadCodec.resultToJson(r))).isEqualTo(r);
    }

    @Test
    void resultsRoundTripWithTheirPhaseTimesAndReadWithoutThem() {
        PhaseTimes phases = new PhaseTimes(Duration.ofNanos(1), Duration.ofMillis(120),
                List.of(Duration.ofNanos(7_000_001), Duration.ZERO), Duration.ofMillis(2), Duration.ofMillis(3),
                Duration.ofSeconds(1));
        SubmissionResult r = new SubmissionResult("p", Status.FINISHED, "", List.of(), Verdict.ACCEPTED, 1, 1,
                Instant.EPOCH).withPhases(phases);
        String json = PayloadCodec.resultToJson(r);
        assertThat(PayloadCodec.resultFromJson(json)).isEqualTo(r);
        // A payload written before phases were measured reads as none measured.
        String without = json.replaceAll(",\"phases\":\\{[^}]*}", "");
        assertThat(without).doesNotContain("phases");
        assertThat(PayloadCodec.resultFromJson(without).phases()).isEqualTo(PhaseTimes.NONE);
    }

    @Test
    void versionOnePayloadsStillRead() {
        JudgeJob job = new JudgeJob("job", Submission.of("c", "int main(){}", List.of(TestCase.of("1", "", ""))),
                Priority.NORMAL, Instant.EPOCH);
        String v1 = PayloadCodec.jobToJson(job).replace("\"v\":2", "\"v\":1")
                .replaceAll(",\"groups\":\\[\\],\"supportFiles\":\\[\\],\"io\":\\{[^}]*\\}", "");
        assertThat(v1).doesNotContain("groups").contains("\"v\":1");
        assertThat(PayloadCodec.jobFromJson(v1)).isEqualTo(job);
    }

    @Test
    void aCheckerWrittenWithoutAProtocolIsATestlibChecker() {
        ComparatorSpec kattis = ComparatorSpec.kattisValidator("c", List.of(SourceFile.main("x")), "a b");
        JudgeJob job = new JudgeJob("job", Submission.of("c", "int main(){}", List.of(TestCase.of("1", "", "")))
                .withComparator(kattis), Priority.NORMAL, Instant.EPOCH);
        String json = PayloadCodec.jobToJson(job);
        assertThat(json).contains("\"protocol\":\"kattis\"", "\"arguments\":\"a b\"");
        String older = json.replace(",\"protocol\":\"kattis\",\"arguments\":\"a b\"", "");
        assertThat(older).doesNotContain("protocol");
        assertThat(PayloadCodec.jobFromJson(older).submission().comparator())
                .isEqualTo(new ComparatorSpec.Checker("c", List.of(SourceFile.main("x"))));
        assertThatThrownBy(() -> PayloadCodec.jobFromJson(json.replace("\"kattis\"", "\"cms\"")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("unknown checker protocol 'cms'");
    }

    @Test
    void everyVerdictCodeIsCovered() {
        assertThat(VERDICTS).extracting(Verdict::code).containsAll(
                List.of("AC", "WA", "PE", "TLE", "MLE", "OLE", "RE", "CE", "IE", "SK"));
    }

    @Test
    void refusesForeignPayloads() {
        assertThatThrownBy(() -> PayloadCodec.jobFromJson("{\"v\":99}")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("version 99");
        assertThatThrownBy(() -> PayloadCodec.resultFromJson("not json")).isInstanceOf(IllegalArgumentException.class);
    }
}
