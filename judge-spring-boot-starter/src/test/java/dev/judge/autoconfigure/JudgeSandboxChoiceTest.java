package dev.judge.autoconfigure;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.sandbox.linux.NativeSandboxDoctor;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * {@code judge.sandbox.type=auto} with both real sandbox modules on the class path: which one it starts, and
 * the one line that says so. The native sandbox is made unable to run through its own self-check (a cgroup
 * parent it refuses), the Docker one through an engine address nobody listens on.
 */
@ExtendWith(OutputCaptureExtension.class)
class JudgeSandboxChoiceTest {
    /** What the native self-check says about this cgroup parent, in the line that explains the choice. */
    private static final String REFUSED_PARENT = "judge.sandbox.native-cgroup-parent=../escape";
    private static final Pattern CHOICE = Pattern.compile("Sandbox: (native|docker) \\(");
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    private final ApplicationContextRunner auto = new ApplicationContextRunner()
            .withConfiguration(AutoConfigurations.of(JudgeSandboxAutoConfiguration.class))
            .withPropertyValues("judge.sandbox.type=auto", "judge.sandbox.docker-pool-size=1");

    @Test
    void takesTheNativeSandboxWhereItsSelfCheckPassesAndSaysSo(CapturedOutput output) {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox's cgroups)");
        RequiredParts.require(NativeSandboxDoctor.check().fullyConfined(), "every native sandbox protection");
        auto.run(context -> {
            assertThat(context).hasNotFailed();
            Sandbox sandbox = context.getBean(Sandbox.class);
            assertThat(sandbox.name()).isEqualTo("native");
            assertThat(sandbox.run(SandboxRequest.of(List.of("/bin/true"), Limits.defaults())).succeeded()).isTrue();
        });
        assertThat(choiceLine(output)).isEqualTo("Sandbox: native (judge.sandbox.type=auto; its self-check passed)");
    }

    @Test
    void takesTheDockerSandboxWhenTheNativeOneCannotRunAndSaysWhyOnOneLine(CapturedOutput output) {
        RequiredParts.require(engineAnswers(), "a Docker engine on " + DOCKER_SOCKET);
        auto.withPropertyValues(REFUSED_PARENT).run(context -> {
            assertThat(context).hasNotFailed();
            Sandbox sandbox = context.getBean(Sandbox.class);
            assertThat(sandbox.name()).isEqualTo("docker");
            assertThat(sandbox.run(SandboxRequest.of(List.of("/bin/true"), Limits.defaults())).succeeded()).isTrue();
        });
        assertThat(choiceLine(output))
                .startsWith("Sandbox: docker (judge.sandbox.type=auto; its engine answered and its image is ready); "
                        + "not native: its self-check failed: ")
                .contains("cgroupParent must be a normalized relative path");
    }

    @Test
    void failsTheStartNamingBothReasonsAndWhatToDoWhenNeitherCanRun(@TempDir Path dir, CapturedOutput output) {
        String nobody = "unix://" + dir.resolve("no-engine.sock");
        auto.withPropertyValues(REFUSED_PARENT, "judge.sandbox.docker-host=" + nobody).run(context -> {
            assertThat(context).hasFailed();
            assertThat(context.getStartupFailure()).rootCause()
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageStartingWith("no sandbox can run with judge.sandbox.type=auto (native: its self-check "
                            + "failed: ")
                    .hasMessageContaining("cgroupParent must be a normalized relative path")
                    .hasMessageContaining("; docker: the engine or its image is not usable: the Docker engine at "
                            + nobody + " does not answer")
                    .hasMessageContaining("Run as root (or rootless with delegated cgroups and user namespaces) for "
                            + "the native sandbox, or start a Docker engine");
            Throwable root = context.getStartupFailure();
            while (root.getCause() != null) {
                root = root.getCause();
            }
            assertThat(root.getMessage()).doesNotContain("\n");
        });
        assertThat(output.getAll()).doesNotContainPattern(CHOICE);
    }

    @Test
    void aChosenTypeLogsWithoutPassingOverAnything() {
        assertThat(JudgeSandboxAutoConfiguration.chosen(JudgeProperties.SandboxType.DOCKER,
                JudgeProperties.SandboxType.DOCKER, List.of()))
                .isEqualTo("Sandbox: docker (judge.sandbox.type=docker; its engine answered and its image is ready)");
    }

    /** The one log line of the choice, without the logger's prefix. */
    private static String choiceLine(CapturedOutput output) {
        List<String> lines = output.getAll().lines().filter(l -> CHOICE.matcher(l).find()).toList();
        assertThat(lines).as(output.getAll()).hasSize(1);
        return lines.get(0).substring(lines.get(0).indexOf("Sandbox: "));
    }

    /** Whether an engine listens on the default socket (the file outlives a stopped engine). */
    private static boolean engineAnswers() {
        if (!Files.exists(DOCKER_SOCKET)) {
            return false;
        }
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(DOCKER_SOCKET))) {
            return channel.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
