package dev.judge.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.sandbox.linux.NativeSandboxDoctor;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

/** The sandbox the starter chooses runs connected pairs, which interactive problems need. */
class SandboxCandidatePairTest {

    private final ApplicationContextRunner runner = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class));

    @Test
    void theNativeSandboxRunsPairsEvenWhenTheExecutorHasOneSlot() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox needs it)");
        RequiredParts.require(NativeSandboxDoctor.check().fullyConfined(), "native sandbox protections");
        runner.withPropertyValues("judge.sandbox.type=native", "judge.executor.slots=1").run(context -> {
            assertThat(context).hasNotFailed();
            Sandbox sandbox = context.getBean(Sandbox.class);
            PairResult r = sandbox.runPair(
                    SandboxRequest.of(List.of("/bin/sh", "-c", "read x; echo $((x + 1))"), Limits.defaults()),
                    SandboxRequest.of(List.of("/bin/sh", "-c", "echo 41; read y; echo \"got $y\" >&2; exit 42"),
                            Limits.defaults()));
            assertThat(r.peer().exitCode()).as(r.peer().message()).isEqualTo(42);
            assertThat(new String(r.peer().stderr(), StandardCharsets.UTF_8)).isEqualTo("got 42\n");
            assertThat(r.program().succeeded()).as(r.program().message()).isTrue();
        });
    }
}
