package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.command.InspectImageResponse;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.model.Image;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.sandbox.docker.RuntimeImage.Policy;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The runtime image builder against a real engine, on image names of its own (removed afterwards). */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RuntimeImageTest {
    private static final String REPO = "judge-runtime-test-build";
    private TestEngine docker;
    private Engine engine;

    @BeforeAll
    void open() {
        Settings settings = DockerSandbox.builder().settings();
        engine = new Engine(settings);
        try {
            engine.ping();
        } catch (SandboxException e) {
            engine.close();
            RequiredParts.require(false, "a Docker engine (" + e.getMessage() + ")");
        }
        docker = new TestEngine();
        removeTestImages();
    }

    @AfterAll
    void close() throws Exception {
        if (docker != null) {
            removeTestImages();
            docker.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private void removeTestImages() {
        for (Image image : docker.client.listImagesCmd().withReferenceFilter(REPO).exec()) {
            try {
                docker.client.removeImageCmd(image.getId()).withForce(true).exec();
            } catch (NotFoundException e) {
                // removed with another tag
            }
        }
    }

    private InspectImageResponse inspect(String image) {
        return docker.client.inspectImageCmd(image).exec();
    }

    private boolean exists(String imageId) {
        try {
            docker.client.inspectImageCmd(imageId).exec();
            return true;
        } catch (NotFoundException e) {
            return false;
        }
    }

    @Test
    void buildsOnceWithTheRuntimeConfigurationAndKeepsAnUpToDateImage() {
        String image = REPO + ":twice";
        RuntimeImage.Result first = RuntimeImage.ensure(engine, image, 61000, Policy.UNLESS_IDENTICAL);
        assertThat(first.built()).isTrue();
        InspectImageResponse built = inspect(image);
        assertThat(built.getConfig().getLabels()).containsEntry(Engine.ROOTFS_LABEL, first.digest())
                .containsEntry(Engine.RUNNER_LABEL, RootFs.sha256(RootFs.bundledRunner()).substring(0, 12));
        assertThat(built.getConfig().getCmd()).containsExactly("/opt/judge/runner", "serve");
        assertThat(built.getConfig().getWorkingDir()).isEqualTo("/work");
        assertThat(built.getSize()).isBetween(100_000L, 10_000_000L);

        RuntimeImage.Result second = RuntimeImage.ensure(engine, image, 61000, Policy.UNLESS_IDENTICAL);
        assertThat(second.built()).isFalse();
        assertThat(second.digest()).isEqualTo(first.digest());
        assertThat(inspect(image).getId()).as("the same image, not a second one").isEqualTo(built.getId());
        assertThat(docker.client.listImagesCmd().withShowAll(true).withReferenceFilter(image).exec())
                .extracting(Image::getId).containsExactly(built.getId());
    }

    @Test
    void aRebuildRemovesTheImageItReplaced() {
        String image = REPO + ":rebuilt";
        RuntimeImage.Result first = RuntimeImage.ensure(engine, image, 61000, Policy.UNLESS_IDENTICAL);
        String oldId = inspect(image).getId();
        // Another uid base is another root filesystem: the name moves to a new image, the old one is untagged.
        RuntimeImage.Result second = RuntimeImage.ensure(engine, image, 62000, Policy.UNLESS_IDENTICAL);
        assertThat(second.built()).isTrue();
        assertThat(second.digest()).isNotEqualTo(first.digest());
        assertThat(inspect(image).getId()).isNotEqualTo(oldId);
        assertThat(exists(oldId)).as("the untagged runtime image is removed").isFalse();
        assertThat(docker.client.listImagesCmd().withDanglingFilter(true).withLabelFilter(Engine.ROOTFS_LABEL).exec())
                .extracting(Image::getId).doesNotContain(oldId);
    }

    @Test
    void leavesAnImageItDidNotBuildUnlessToldToReplaceIt() throws Exception {
        String image = REPO + ":foreign";
        // An import without the runtime configuration: an image without the label.
        byte[] tar = RootFs.build(61000, RootFs.Host.local(), "x".getBytes(StandardCharsets.US_ASCII)).bytes();
        assertThat(engine.importImage(image, tar, List.of("WORKDIR /work"))).startsWith("sha256:");
        String foreignId = inspect(image).getId();
        assertThat(engine.rootfsLabel(image)).isEmpty();

        assertThat(RuntimeImage.ensure(engine, image, 61000, Policy.IF_MISSING_OR_OTHER_RUNNER).built()).isFalse();
        assertThat(inspect(image).getId()).isEqualTo(foreignId);

        RuntimeImage.Result replaced = RuntimeImage.ensure(engine, image, 61000, Policy.UNLESS_IDENTICAL);
        assertThat(replaced.built()).isTrue();
        assertThat(engine.rootfsLabel(image)).isEqualTo(replaced.digest());
        // Untagged now, but without the runtime label: not this module's to prune.
        assertThat(exists(foreignId)).isTrue();
        docker.client.removeImageCmd(foreignId).exec();
        assertThat(engine.rootfsLabel(REPO + ":missing")).isNull();
    }

    @Test
    void aSandboxKeepsARuntimeImageOfItsRunnerAndReplacesOneOfAnotherRunner() {
        String image = REPO + ":runner";
        RuntimeImage.Result base = RuntimeImage.ensure(engine, image, 61000, Policy.UNLESS_IDENTICAL);
        String id = inspect(image).getId();
        // Another uid base, same runner: kept, so sandboxes with different uid bases do not rebuild in turn.
        assertThat(RuntimeImage.ensure(engine, image, 61100, Policy.IF_MISSING_OR_OTHER_RUNNER).built()).isFalse();
        assertThat(inspect(image).getId()).isEqualTo(id);

        // A runtime image holding another runner (an older version of this module): replaced.
        byte[] tar = RootFs.build(61000, RootFs.Host.local(), "old".getBytes(StandardCharsets.US_ASCII)).bytes();
        engine.importImage(image, tar, Engine.runtimeConfig("000000000000", "000000000000"));
        String oldId = inspect(image).getId();
        RuntimeImage.Result rebuilt = RuntimeImage.ensure(engine, image, 61000, Policy.IF_MISSING_OR_OTHER_RUNNER);
        assertThat(rebuilt.built()).isTrue();
        assertThat(rebuilt.digest()).isEqualTo(base.digest());
        assertThat(engine.rootfsLabel(image)).isEqualTo(base.digest());
        assertThat(exists(oldId)).isFalse();
    }

    @Test
    void importsThroughAPinnedApiVersion() {
        String version = docker.client.versionCmd().exec().getApiVersion();
        String image = REPO + ":pinned";
        try (Engine pinned = new Engine(DockerSandbox.builder().apiVersion(version).settings())) {
            RuntimeImage.Result result = RuntimeImage.ensure(pinned, image, 61000, Policy.UNLESS_IDENTICAL);
            assertThat(result.built()).isTrue();
            assertThat(pinned.rootfsLabel(image)).isEqualTo(result.digest());
        }
    }

    @Test
    void aSandboxBuildsItsMissingImageAndRunsOnIt() {
        String image = REPO + ":sandbox";
        try (Sandbox sandbox = DockerSandbox.builder().image(image).hostToolchain().poolSize(1)
                .poolName("judge-test-image-build").uidBase(61200).build()) {
            assertThat(engine.rootfsLabel(image)).isNotEmpty();
            Limits limits = Limits.defaults().withProcesses(8).withWallTime(Duration.ofSeconds(10))
                    .withMemory(ByteSize.ofMiB(128));
            SandboxResult r = sandbox.run(SandboxRequest.of(List.of("sh", "-c", "id -u; cat /etc/passwd | grep -c judge"),
                    limits));
            assertThat(r.succeeded()).as(r.message() + new String(r.stderr(), StandardCharsets.UTF_8)).isTrue();
            // The uid base is the sandbox's runners' uid; the one container's run has the next.
            assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("61201\n" + RootFs.USERS + "\n");
        }
        assertThat(docker.client.listContainersCmd().withShowAll(true)
                .withLabelFilter(Map.of(Settings.LABEL, "judge-test-image-build")).exec()).isEmpty();
    }
}
