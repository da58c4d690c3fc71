package dev.judge.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.model.Limits;
import dev.judge.core.model.Status;
import dev.judge.core.model.Submission;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.Verdict;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.store.ResultStore;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.sandbox.linux.CgroupVersion;
import dev.judge.sandbox.linux.NativeSandbox;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

class JudgeAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class,
                    JudgeStorageAutoConfiguration.class, JudgeAutoConfiguration.class));

    private final ApplicationContextRunner withTestSandbox = runner.withUserConfiguration(TestSandboxConfig.class);

    @Test
    void buildsJudgeQueueStoreAndWorkerAroundTheApplicationsSandbox() {
        withTestSandbox.run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context).hasSingleBean(Judge.class).hasSingleBean(JobQueue.class)
                    .hasSingleBean(ResultStore.class).hasSingleBean(WorkerLifecycle.class);
            assertThat(context.getBean(Sandbox.class)).isSameAs(context.getBean("testSandbox"));
            assertThat(context.getBean(WorkerLifecycle.class).isRunning()).isTrue();
        });
    }

    @Test
    void judgesASubmittedJobThroughTheQueueAndTheWorker() {
        withTestSandbox.run(context -> {
            Judge judge = context.getBean(Judge.class);
            String id = judge.submit(Submission.of("python3", "print(sum(map(int, input().split())))",
                    List.of(TestCase.of("1", "1 2\n", "3\n"), TestCase.of("2", "40 2\n", "42\n"))));
            SubmissionResult result = awaitFinished(judge, id);
            assertThat(result.status()).isEqualTo(Status.FINISHED);
            assertThat(result.verdict()).isEqualTo(Verdict.ACCEPTED);
            assertThat(result.tests()).hasSize(2);
        });
    }

    @Test
    void bindsPropertiesOntoTheJudge() {
        withTestSandbox.withPropertyValues("judge.languages.python3.name=Snake", "judge.caps.max-tests=3",
                        "judge.queue.max-attempts=7", "judge.worker.concurrency=3")
                .run(context -> {
                    JudgeProperties p = context.getBean(JudgeProperties.class);
                    assertThat(p.queue().policy().maxAttempts()).isEqualTo(7);
                    assertThat(p.worker().concurrency()).isEqualTo(3);
                    assertThat(context.getBean(Languages.class).find("python3")).hasValueSatisfying(
                            l -> assertThat(l.name()).isEqualTo("Snake"));
                    Judge judge = context.getBean(Judge.class);
                    assertThat(judge.languages()).extracting(LanguageInfo::id).contains("python3");
                    List<TestCase> four = List.of(TestCase.of("1", "", ""), TestCase.of("2", "", ""),
                            TestCase.of("3", "", ""), TestCase.of("4", "", ""));
                    org.assertj.core.api.Assertions.assertThatThrownBy(
                                    () -> judge.submit(Submission.of("python3", "print()", four)))
                            .isInstanceOf(dev.judge.core.InvalidSubmissionException.class)
                            .hasMessageContaining("tests");
                });
    }

    @Test
    void theQueuesMaxDepthIsTheJudgesBackPressureAndTheWorkerIsTheJudges() {
        withTestSandbox.withPropertyValues("judge.queue.max-depth=1", "judge.queue.depth-refresh=0",
                        "judge.worker.enabled=false")
                .run(context -> {
                    Judge judge = context.getBean(Judge.class);
                    assertThat(judge.worker()).as("an API-only node hosts no worker").isEmpty();
                    Submission s = Submission.of("python3", "print()", List.of(TestCase.of("1", "", "\n")));
                    judge.submit(s);
                    org.assertj.core.api.Assertions.assertThatThrownBy(() -> judge.submit(s))
                            .isInstanceOf(dev.judge.core.QueueFullException.class);
                });
        withTestSandbox.withPropertyValues("judge.worker.concurrency=1").run(context -> {
            WorkerLifecycle lifecycle = context.getBean(WorkerLifecycle.class);
            assertThat(lifecycle.worker()).containsSame(context.getBean(Judge.class).worker().orElseThrow());
            assertThat(lifecycle.isRunning()).isTrue();
            lifecycle.stop();
            assertThat(lifecycle.isRunning()).isFalse();
        });
    }

    @Test
    void backsOffWhereTheApplicationDefinesItsOwnBeans() {
        JobQueue own = JobQueues.inMemory();
        withTestSandbox.withBean("ownQueue", JobQueue.class, () -> own).run(context -> {
            assertThat(context).hasSingleBean(JobQueue.class);
            assertThat(context.getBean(JobQueue.class)).isSameAs(own);
        });
    }

    @Test
    void appliesCustomizers() {
        AtomicInteger judgeCustomized = new AtomicInteger();
        AtomicInteger workerCustomized = new AtomicInteger();
        withTestSandbox
                .withBean(JudgeBuilderCustomizer.class, () -> b -> judgeCustomized.incrementAndGet())
                .withBean(WorkerCustomizer.class, () -> b -> workerCustomized.incrementAndGet())
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    assertThat(judgeCustomized).hasValue(1);
                    assertThat(workerCustomized).hasValue(1);
                });
    }

    @Test
    void apiOnlyNodesRunNoWorker() {
        withTestSandbox.withPropertyValues("judge.worker.enabled=false").run(context -> {
            assertThat(context).hasSingleBean(Judge.class).doesNotHaveBean(WorkerLifecycle.class);
        });
    }

    @Test
    void failsClearlyWhenTheChosenSandboxModuleIsAbsent() {
        runner.withClassLoader(new FilteredClassLoader(NativeSandbox.class))
                .withPropertyValues("judge.sandbox.type=native")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("judge-sandbox-native is not on the class path");
                });
    }

    @Test
    void startsTheDockerSandboxWhenAskedAndItsEngineAnswers() {
        RequiredParts.require(Files.exists(Path.of("/var/run/docker.sock")),
                "a Docker engine on /var/run/docker.sock");
        runner.withPropertyValues("judge.sandbox.type=docker", "judge.sandbox.docker-pool-size=1",
                        "judge.worker.enabled=false")
                .run(context -> {
                    assertThat(context).hasNotFailed();
                    Sandbox sandbox = context.getBean(Sandbox.class);
                    assertThat(sandbox.name()).isEqualTo("docker");
                    assertThat(sandbox.run(SandboxRequest.of(List.of("/bin/true"),
                            Limits.defaults())).succeeded()).isTrue();
                });
    }

    @Test
    void makesTheNativeSandboxsCgroupsUnderTheConfiguredParent() throws IOException {
        RequiredParts.require("root".equals(System.getProperty("user.name")), "root (the native sandbox's cgroups)");
        String parent = "judge-starter-parent-" + ProcessHandle.current().pid();
        try {
            runner.withPropertyValues("judge.sandbox.type=native", "judge.sandbox.native-cgroup-parent=" + parent,
                            "judge.worker.enabled=false")
                    .run(context -> {
                        assertThat(context).hasNotFailed();
                        NativeSandbox sandbox = context.getBean(NativeSandbox.class);
                        assertThat(sandbox.run(SandboxRequest.of(List.of("/bin/true"),
                                Limits.defaults())).succeeded()).isTrue();
                        Path dir = sandbox.cgroupVersion() == CgroupVersion.V1
                                ? Path.of("/sys/fs/cgroup/pids", parent)
                                : Path.of("/sys/fs/cgroup", parent);
                        try (var entries = Files.list(dir)) {
                            assertThat(entries.filter(Files::isDirectory).count()).isPositive();
                        }
                    });
        } finally {
            // the sandbox removes its own cgroups on close; the parent is this test's to remove
            for (Path mount : cgroupMounts()) {
                Files.deleteIfExists(mount.resolve(parent));
            }
        }
        for (Path mount : cgroupMounts()) {
            assertThat(mount.resolve(parent)).doesNotExist();
        }
    }

    /** The cgroup v2 root and every v1 hierarchy, by their directories (not the v1 alias links). */
    private static List<Path> cgroupMounts() throws IOException {
        List<Path> mounts = new ArrayList<>(List.of(Path.of("/sys/fs/cgroup")));
        try (var dirs = Files.list(Path.of("/sys/fs/cgroup"))) {
            dirs.filter(d -> Files.isDirectory(d, LinkOption.NOFOLLOW_LINKS)).forEach(mounts::add);
        }
        return mounts;
    }

    @Test
    void refusesACgroupParentOutsideTheCgroupMounts() {
        runner.withPropertyValues("judge.sandbox.type=native", "judge.sandbox.native-cgroup-parent=../escape",
                        "judge.worker.enabled=false")
                .run(context -> {
                    assertThat(context).hasFailed();
                    assertThat(context.getStartupFailure()).rootCause()
                            .hasMessageContaining("cgroupParent must be a normalized relative path");
                });
    }

    @Test
    void rejectsAnUnknownSandboxType() {
        withTestSandbox.withPropertyValues("judge.sandbox.type=chroot").run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).hasStackTraceContaining("judge.sandbox.type");
        });
    }

    @Test
    void choosesInAutoModeTheFirstCandidateThatCanRun() {
        SandboxCandidate nativeDown = candidate(JudgeProperties.SandboxType.NATIVE, Optional.of("no cgroups"));
        SandboxCandidate dockerUp = candidate(JudgeProperties.SandboxType.DOCKER, Optional.empty());
        assertThat(JudgeSandboxAutoConfiguration.choose(JudgeProperties.SandboxType.AUTO, List.of(nativeDown, dockerUp)))
                .isSameAs(dockerUp);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> JudgeSandboxAutoConfiguration.choose(
                        JudgeProperties.SandboxType.AUTO, List.of(nativeDown)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("native: no cgroups")
                .hasMessageContaining("docker: module judge-sandbox-docker is not on the class path");
    }

    static SubmissionResult awaitFinished(Judge judge, String id) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (System.nanoTime() < deadline) {
            Optional<SubmissionResult> r = judge.result(id);
            if (r.isPresent() && r.get().isFinished()) {
                return r.get();
            }
            Thread.sleep(20);
        }
        throw new AssertionError("submission " + id + " did not finish in 30 s: " + judge.result(id));
    }

    private static SandboxCandidate candidate(JudgeProperties.SandboxType type, Optional<String> reason) {
        return new SandboxCandidate() {
            @Override
            public JudgeProperties.SandboxType type() {
                return type;
            }

            @Override
            public Optional<String> unavailableReason() {
                return reason;
            }

            @Override
            public Sandbox create() {
                return TestSandbox.create();
            }
        };
    }

    @Configuration(proxyBeanMethods = false)
    static class TestSandboxConfig {
        @Bean
        Sandbox testSandbox() {
            return TestSandbox.create();
        }
    }
}
