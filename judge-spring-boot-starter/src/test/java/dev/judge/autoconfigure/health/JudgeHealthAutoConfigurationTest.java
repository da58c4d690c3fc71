package dev.judge.autoconfigure.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.autoconfigure.JudgeAutoConfiguration;
import dev.judge.autoconfigure.JudgeSandboxAutoConfiguration;
import dev.judge.autoconfigure.JudgeStorageAutoConfiguration;
import dev.judge.core.model.SubmissionResult;
import dev.judge.core.queue.JobQueues;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.store.ResultStore;
import dev.judge.core.store.ResultStores;
import dev.judge.autoconfigure.TestSandbox;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

class JudgeHealthAutoConfigurationTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class,
                    JudgeStorageAutoConfiguration.class, JudgeAutoConfiguration.class,
                    JudgeHealthAutoConfiguration.class))
            .withBean(Sandbox.class, TestSandbox::create);

    @Test
    void contributesSandboxQueueAndStoreHealth() {
        runner.run(context -> assertThat(context).hasBean("judgeSandboxHealthIndicator")
                .hasBean("judgeQueueHealthIndicator").hasBean("judgeStoreHealthIndicator"));
    }

    @Test
    void sandboxHealthCarriesTheNativeSandboxSelfCheck() {
        runner.run(context -> {
            SandboxHealthDetails doctor = context.getBean(SandboxHealthDetails.class);
            ComponentHealth h = HealthChecks.sandbox(context.getBean(Sandbox.class), List.of(doctor));
            assertThat(h.up()).as(h.details().toString()).isTrue();
            assertThat(h.details()).containsEntry("sandbox", "native").containsEntry("confined", true)
                    .containsKey("protections");
            assertThat(h.details().get("protections").toString()).contains("seccomp").doesNotContain("missing");
        });
    }

    @Test
    void backsOffWithoutTheHealthApi() {
        runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.health",
                        "org.springframework.boot.health"))
                .run(context -> assertThat(context).hasNotFailed()
                        .doesNotHaveBean("judgeSandboxHealthIndicator"));
    }

    @Test
    void sandboxIsUpOnlyWhenItRunsAProgram() {
        try (Sandbox sandbox = TestSandbox.create()) {
            ComponentHealth up = HealthChecks.sandbox(sandbox);
            assertThat(up.up()).as(up.details().toString()).isTrue();
            assertThat(up.details()).containsEntry("termination", "EXITED");
        }
        Sandbox broken = new Sandbox() {
            @Override
            public SandboxResult run(dev.judge.core.sandbox.SandboxRequest request) {
                return SandboxResult.failure("helper died");
            }

            @Override
            public String name() {
                return "broken";
            }
        };
        ComponentHealth down = HealthChecks.sandbox(broken);
        assertThat(down.up()).isFalse();
        assertThat(down.details()).containsEntry("message", "helper died");
    }

    @Test
    void queueAndStoreReportFailuresAsDown() {
        assertThat(HealthChecks.queue(JobQueues.inMemory()).details()).containsEntry("depth", 0L);
        ResultStore failing = new ResultStore() {
            @Override
            public boolean save(SubmissionResult result) {
                throw new IllegalStateException("down");
            }

            @Override
            public Optional<SubmissionResult> find(String submissionId) {
                throw new IllegalStateException("connection refused");
            }

            @Override
            public Subscription subscribe(dev.judge.core.store.ResultListener listener) {
                return () -> { };
            }

            @Override
            public boolean delete(String submissionId) {
                return false;
            }
        };
        ComponentHealth down = HealthChecks.store(failing);
        assertThat(down.up()).isFalse();
        assertThat(down.details()).containsEntry("error", "connection refused");
        assertThat(HealthChecks.store(ResultStores.inMemory()).up()).isTrue();
    }
}
