package dev.judge.demo.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

/** {@code number_of_runs} reported as Judge0's IsolateJob does: means of time and memory, the last run's rest. */
class Judge0RunsTest {

    private static TestDocument run(String id, String verdict, long cpuMillis, long wallMillis, long memoryKiB,
            int signal) {
        return new TestDocument(id, verdict, null, 1, cpuMillis, wallMillis, memoryKiB, 0, signal, "out " + id, "",
                null);
    }

    private static ResultDocument result(String verdict, TestDocument... runs) {
        return new ResultDocument("FINISHED", verdict, null, 0, runs.length, "", List.of(runs), Instant.EPOCH,
                List.of(), null);
    }

    @Test
    void meansOfTimeAndMemoryAndTheLastRunsOutputs() {
        ResultDocument d = result("AC", run("1", "AC", 10, 50, 1000, 0), run("2", "AC", 20, 60, 1001, 0),
                run("3", "AC", 20, 70, 1003, 0));
        assertThat(Judge0Views.rubyDecimal(Judge0Runs.meanTime(d))).isEqualTo("0.016666666666666666");
        assertThat(Judge0Runs.meanMemory(d)).isEqualTo(1001L); // 3004 / 3, truncated as an integer column keeps it
        var view = Judge0Views.all(new Judge0Row("t", 50, "c", "s", "", null,
                new Judge0Limits(5, 1, 10, 128_000, 64_000, 60, 1024, 3, false), null, d, Instant.EPOCH,
                Instant.EPOCH), null);
        assertThat(view.get("stdout")).isEqualTo("out 3");
        assertThat(view.get("wall_time")).isEqualTo("0.07");
        assertThat(view.get("time")).isEqualTo("0.016666666666666666");
        assertThat(view.get("memory")).isEqualTo(1001L);
        assertThat(view.get("number_of_runs")).isEqualTo(3);
    }

    @Test
    void runsStopAtTheFirstFailureWhichDecidesTheStatus() {
        ResultDocument d = result("RE", run("1", "AC", 10, 10, 100, 0), run("2", "RE", 30, 30, 300, 11),
                run("3", "SK", 0, 0, 0, 0));
        assertThat(Judge0Runs.runs(d)).hasSize(2);
        assertThat(Judge0Runs.last(d).testId()).isEqualTo("2");
        assertThat(Judge0Views.rubyDecimal(Judge0Runs.meanTime(d))).isEqualTo("0.02");
        assertThat(Judge0Status.of(d).id()).as("SIGSEGV of the failing run").isEqualTo(7);
    }

    @Test
    void oneRunIsReportedAsItRan() {
        ResultDocument d = result("AC", run("1", "AC", 123, 200, 4242, 0));
        assertThat(Judge0Views.rubyDecimal(Judge0Runs.meanTime(d))).isEqualTo("0.123");
        assertThat(Judge0Runs.meanMemory(d)).isEqualTo(4242L);
        assertThat(Judge0Runs.last(null)).isNull();
        assertThat(Judge0Runs.meanTime(result("CE"))).isNull();
    }
}
