package dev.judge.autoconfigure;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.sandbox.docker.DockerSandbox;
import java.util.Optional;

/**
 * The Docker sandbox, available where its engine answers and its image is there. Finding that out means
 * starting the sandbox (it warms its pool at start), so the started sandbox is kept for {@link #create()}.
 */
final class DockerSandboxCandidate implements SandboxCandidate {

    private final JudgeProperties properties;
    private Sandbox started;
    private String failure;

    DockerSandboxCandidate(JudgeProperties properties) {
        this.properties = properties;
    }

    @Override
    public JudgeProperties.SandboxType type() {
        return JudgeProperties.SandboxType.DOCKER;
    }

    @Override
    public synchronized Optional<String> unavailableReason() {
        if (started == null && failure == null) {
            try {
                started = build();
            } catch (RuntimeException e) {
                failure = "the engine or its image is not usable: " + e.getMessage();
            }
        }
        return Optional.ofNullable(failure);
    }

    @Override
    public synchronized Sandbox create() {
        if (started != null) {
            return started;
        }
        return build();
    }

    private Sandbox build() {
        JudgeProperties.Sandbox s = properties.sandbox();
        DockerSandbox.Builder builder = DockerSandbox.builder().image(s.dockerImage()).poolSize(s.dockerPoolSize())
                .buildImageIfMissing(s.dockerBuildImage());
        if (!s.dockerHost().isEmpty()) {
            builder.dockerHost(s.dockerHost());
        }
        if (s.dockerHostToolchain()) {
            builder.hostToolchain();
        }
        s.toolchainPaths().forEach(builder::readOnlyBind);
        return builder.build();
    }
}
