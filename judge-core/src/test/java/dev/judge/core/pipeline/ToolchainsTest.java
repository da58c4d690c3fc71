package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.testsupport.CountingSandbox;
import dev.judge.core.testsupport.FakeSandbox;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.Test;

class ToolchainsTest {

    @Test
    void aMissingToolchainMakesTheLanguageUnavailableWithAReason() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        Languages languages = Languages.defaults().withProperties(Map.of(
                "cobol.name", "COBOL", "cobol.source", "main.cob", "cobol.compile", "cobc -x -o main {src}",
                "cobol.artifacts", "main", "cobol.run", "./main", "cobol.version", "judge-no-such-cobc --version"));
        try (CountingSandbox sandbox = new CountingSandbox(new ProcessSandbox());
                Judge judge = Judge.builder().sandbox(sandbox).languages(languages).build()) {
            Map<String, LanguageInfo> infos = judge.languages().stream()
                    .collect(java.util.stream.Collectors.toMap(LanguageInfo::id, i -> i));
            LanguageInfo cobol = infos.get("cobol");
            assertThat(cobol.available()).isFalse();
            assertThat(cobol.version()).isEmpty();
            assertThat(cobol.reason()).contains("judge-no-such-cobc", "exit code 127")
                    .as("says how to make a toolchain visible").endsWith(Toolchains.NOT_VISIBLE_HINT);
            LanguageInfo c = infos.get("c");
            assertThat(c.available()).as(c.reason()).isTrue();
            assertThat(c.version()).matches("\\d+(\\.\\d+)*");
            assertThat(infos.get("python3").version()).startsWith("Python 3");
            long probes = sandbox.requests().size();
            judge.languages();
            assertThat(sandbox.requests()).as("probed once per language").hasSize((int) probes);
            assertThat(probes).isEqualTo(languages.all().size());
        }
    }

    @Test
    void aSandboxThatCannotRunTheProbeMakesTheLanguageUnavailableUntilItCan() {
        java.util.concurrent.atomic.AtomicBoolean up = new java.util.concurrent.atomic.AtomicBoolean();
        FakeSandbox flaky = new FakeSandbox(r -> {
            if (!up.get()) {
                throw new SandboxException("docker daemon not reachable");
            }
            return FakeSandbox.exited(0, "v1\n");
        });
        try (Judge judge = Judge.builder().sandbox(flaky).build()) {
            assertThat(judge.languages()).allSatisfy(i -> {
                assertThat(i.available()).isFalse();
                assertThat(i.reason()).contains("docker daemon not reachable");
            });
            up.set(true);
            assertThat(judge.languages()).allSatisfy(i -> {
                assertThat(i.available()).isTrue();
                assertThat(i.version()).isEqualTo("v1");
            });
        }
    }

    @Test
    void callersAskingWhileAProbeRunsWaitForItInsteadOfProbingAgain() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger probes = new AtomicInteger();
        FakeSandbox slow = new FakeSandbox(r -> {
            probes.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return FakeSandbox.exited(0, "v1\n");
        });
        try (Judge judge = Judge.builder().sandbox(slow).build()) {
            int languages = Languages.defaults().all().size();
            CompletableFuture<List<LanguageInfo>> first = CompletableFuture.supplyAsync(judge::languages);
            awaitTrue(() -> probes.get() == 1);
            Thread second = new Thread(judge::languages);
            second.start();
            // the second caller waits for the first one's probe of the first language (it would be in the
            // sandbox beside it, also waiting, if it probed on its own; then the count below is off)
            awaitTrue(() -> second.getState() == Thread.State.WAITING);
            release.countDown();
            assertThat(first.get(30, TimeUnit.SECONDS)).allSatisfy(i -> assertThat(i.version()).isEqualTo("v1"));
            second.join(30_000);
            assertThat(second.isAlive()).isFalse();
            assertThat(probes.get()).as("one probe per language, whoever asked").isEqualTo(languages);
        }
    }

    @Test
    void oneLanguageIsProbedAloneAndOnce() {
        List<String> probed = new java.util.concurrent.CopyOnWriteArrayList<>();
        FakeSandbox sandbox = new FakeSandbox(r -> {
            probed.add(String.join(" ", r.command()));
            return FakeSandbox.exited(0, "v1\n");
        });
        try (Judge judge = Judge.builder().sandbox(sandbox).build()) {
            LanguageInfo c = judge.language("c").orElseThrow();
            assertThat(c.available()).isTrue();
            assertThat(c.version()).isEqualTo("v1");
            assertThat(judge.language("c")).contains(c);
            assertThat(probed).as("only the language asked about, once")
                    .containsExactly(String.join(" ", Languages.defaults().find("c").orElseThrow().versionCommand()));
            assertThat(judge.language("no-such-language")).isEmpty();
            assertThat(judge.languages()).as("the same answer as the list gives").contains(c);
        }
    }

    private static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean()) {
            assertThat(System.nanoTime()).as("condition not met within 30 s").isLessThan(deadline);
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(1));
        }
    }
}
