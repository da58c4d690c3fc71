package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.EmbeddedServerTest;
import java.io.IOException;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.TestPropertySource;

/**
 * The judging scenarios on the embedded default with {@code judge.sandbox.type=docker}: what a user without root
 * or cgroups runs. Skipped without a Docker engine on the default socket, failed instead under
 * {@code JUDGE_REQUIRE_ALL=true}.
 */
@EmbeddedServerTest
@TestPropertySource(properties = "judge.sandbox.type=docker")
// Closed after the class rather than at the JVM's exit: its warm containers go with it at once, even when the
// test JVM is later stopped without running its shutdown hooks.
@DirtiesContext(classMode = DirtiesContext.ClassMode.AFTER_CLASS)
class DockerJudgingTest extends JudgingScenarios {
    private static final Path DOCKER_SOCKET = Path.of("/var/run/docker.sock");

    @Autowired
    private Sandbox sandbox;

    /** Hides the scenarios' root requirement: the Docker sandbox needs an engine, not root. */
    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(engineAnswers(),
                "a Docker engine on " + DOCKER_SOCKET + "; run scripts/setup-machine.sh");
    }

    @Test
    void theDockerSandboxJudges() {
        assertThat(sandbox.name()).isEqualTo("docker");
    }

    /** The socket file outlives a stopped engine, so only a connection tells. */
    private static boolean engineAnswers() {
        try (SocketChannel channel = SocketChannel.open(UnixDomainSocketAddress.of(DOCKER_SOCKET))) {
            return channel.isConnected();
        } catch (IOException e) {
            return false;
        }
    }
}
