package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.pipeline.ArtifactCacheStats;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.testsupport.CountingSandbox;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The compiler runs once per distinct source, however many tests or identical submissions there are. */
class CompileOnceTest {
    private CountingSandbox sandbox;
    private Judge judge;

    @BeforeEach
    void open() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        sandbox = new CountingSandbox(new ProcessSandbox());
        judge = Judge.builder().sandbox(sandbox).runSlots(2).build();
        LanguageInfo cpp = judge.languages().stream().filter(i -> i.id().equals("cpp")).findFirst().orElseThrow();
        RequiredParts.require(cpp.available(), "g++: " + cpp.reason());
    }

    @AfterEach
    void close() {
        if (judge != null) {
            judge.close();
        }
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static List<TestCase> tests(int n) {
        return IntStream.range(0, n).mapToObj(i -> TestCase.of("t" + i, i + " " + i + "\n", (2 * i) + "\n")).toList();
    }

    private long compiles() {
        return sandbox.count(r -> r.command().get(0).equals("g++") && !r.collect().isEmpty());
    }

    @Test
    void oneCompileForTwentyTests() {
        SubmissionResult r = judge.judge(Submission.of("cpp", EndToEndTest.A_PLUS_B.get("cpp"), tests(20)));
        assertThat(r.verdict()).as(r.compileOutput()).isEqualTo(Verdict.ACCEPTED);
        assertThat(r.tests()).hasSize(20);
        assertThat(compiles()).isEqualTo(1);
        assertThat(sandbox.count("./main")).isEqualTo(20);
        SubmissionResult again = judge.judge(Submission.of("cpp", EndToEndTest.A_PLUS_B.get("cpp"), tests(3)));
        assertThat(again.verdict()).isEqualTo(Verdict.ACCEPTED);
        assertThat(compiles()).as("the same source again is a cache hit").isEqualTo(1);
        assertThat(judge.cacheStats().hits()).isEqualTo(1);
        assertThat(judge.cacheStats().misses()).isEqualTo(1);
    }

    @Test
    void oneCompileForTenConcurrentIdenticalSubmissions() throws Exception {
        String source = EndToEndTest.A_PLUS_B.get("cpp") + "// concurrent\n";
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService callers = Executors.newFixedThreadPool(10);
        try {
            List<CompletableFuture<SubmissionResult>> futures = new ArrayList<>();
            for (int i = 0; i < 10; i++) {
                futures.add(CompletableFuture.supplyAsync(() -> {
                    try {
                        start.await();
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                    return judge.judge(Submission.of("cpp", source, tests(2)));
                }, callers));
            }
            start.countDown();
            for (CompletableFuture<SubmissionResult> f : futures) {
                assertThat(f.get(120, TimeUnit.SECONDS).verdict()).isEqualTo(Verdict.ACCEPTED);
            }
        } finally {
            callers.shutdownNow();
        }
        assertThat(compiles()).isEqualTo(1);
        assertThat(sandbox.count("./main")).isEqualTo(20);
        ArtifactCacheStats stats = judge.cacheStats();
        assertThat(stats.misses()).isEqualTo(1);
        assertThat(stats.hits()).isEqualTo(9);
        assertThat(stats.entries()).isEqualTo(1);
        assertThat(stats.size().bytes()).isPositive();
    }
}
