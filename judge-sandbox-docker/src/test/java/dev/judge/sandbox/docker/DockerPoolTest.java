package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.HostConfig;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/** The pool's containers as the engine sees them, and when they are replaced. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerPoolTest {
    private Sandbox sandbox;
    private TestEngine engine;

    @BeforeAll
    void open() {
        // One container that serves three runs: a container change is then visible as a new hostname.
        sandbox = TestSandboxes.create(DockerSandbox.builder().poolSize(1).maxRunsPerContainer(3));
        engine = new TestEngine();
    }

    @AfterAll
    void close() throws Exception {
        if (sandbox != null) {
            sandbox.close();
        }
        if (engine != null) {
            engine.close();
        }
    }

    private static Limits limits() {
        return Limits.defaults().withProcesses(8).withWallTime(Duration.ofSeconds(5));
    }

    private String hostname() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/cat", "/etc/hostname"), limits()));
        assertThat(r.succeeded()).as(r.message()).isTrue();
        return new String(r.stdout(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void everyContainerIsHardened() {
        hostname();
        List<Container> mine = engine.labelled().stream()
                .filter(c -> TestSandboxes.POOL.equals(c.getLabels().get(Settings.LABEL))).toList();
        assertThat(mine).isNotEmpty();
        for (Container c : mine) {
            InspectContainerResponse info = engine.inspect(c.getId());
            HostConfig h = info.getHostConfig();
            assertThat(h.getNetworkMode()).isEqualTo("none");
            assertThat(h.getReadonlyRootfs()).isTrue();
            assertThat(h.getCapDrop()).containsExactly(Capability.ALL);
            // The runner's (see box.c); it keeps them under its own user, and no run has any.
            assertThat(h.getCapAdd()).containsExactlyInAnyOrder(Capability.SETUID, Capability.SETGID, Capability.KILL,
                    Capability.SETPCAP);
            assertThat(h.getIpcMode()).isEqualTo("private");
            assertThat(h.getPrivileged()).isFalse();
            assertThat(h.getSecurityOpts()).containsExactly("no-new-privileges");
            assertThat(h.getMemory()).isPositive();
            assertThat(h.getMemorySwap()).isEqualTo(h.getMemory());
            assertThat(h.getPidsLimit()).isPositive();
            assertThat(h.getCpuQuota()).isEqualTo(100_000L);
            assertThat(h.getTmpFs()).containsOnlyKeys("/work", "/tmp");
            assertThat(h.getTmpFs().get("/work")).contains("size=");
            assertThat(h.getTmpFs().get("/tmp")).contains("size=", "noexec");
            assertThat(h.getUlimits()).extracting(u -> u.getName()).contains("nofile", "fsize");
            for (Bind b : h.getBinds()) {
                assertThat(b.getAccessMode().toString()).as(b.toString()).isEqualTo("ro");
            }
            // Root only until the runner moves to its own user; the runs have the box user.
            assertThat(info.getConfig().getUser()).isEqualTo("0:0");
            String[] command = info.getConfig().getCmd();
            assertThat(command).hasSize(4).startsWith(Settings.RUNNER, "serve");
            assertThat(Integer.parseInt(command[2])).isGreaterThanOrEqualTo(61000).isNotEqualTo(Integer.parseInt(command[3]));
            assertThat(Integer.parseInt(command[3])).isGreaterThanOrEqualTo(61000);
            assertThat(info.getMounts()).allSatisfy(m -> assertThat(m.getRW()).as(m.getDestination().getPath()).isFalse());
        }
    }

    @Test
    void replacesAContainerAfterItsRunsAndAfterATimeout() {
        String first = hostname();
        // The count may have started earlier in this class: find where this container's runs end.
        String next = hostname();
        int guard = 0;
        while (next.equals(first) && guard++ < 4) {
            next = hostname();
        }
        assertThat(next).as("a container serves at most three runs").isNotEqualTo(first);
        SandboxResult timeout = sandbox.run(SandboxRequest.of(List.of("/bin/sleep", "10"),
                limits().withWallTime(Duration.ofMillis(300))));
        assertThat(timeout.termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(hostname()).as("a run that timed out retires its container").isNotEqualTo(next);
    }

    @Test
    void replacesAnIdleContainerThatDied() throws Exception {
        String before = hostname();
        String id = engine.labelled().stream()
                .filter(c -> TestSandboxes.POOL.equals(c.getLabels().get(Settings.LABEL)))
                .filter(c -> c.getId().startsWith(before)).findFirst().orElseThrow().getId();
        engine.client.killContainerCmd(id).exec();
        // Taken at once: either the pool already knows it is gone, or the run finds out and runs again.
        assertThat(hostname()).isNotEqualTo(before);
    }

    @Test
    void adjustsTheContainerMemoryToEachRun() {
        for (long mib : new long[] {32, 200, 48}) {
            // cgroup v1 path first, then v2
            SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                    "cat /sys/fs/cgroup/memory/memory.limit_in_bytes 2>/dev/null || cat /sys/fs/cgroup/memory.max"),
                    limits().withMemory(ByteSize.ofMiB(mib))));
            assertThat(r.succeeded()).as(r.message()).isTrue();
            assertThat(Long.parseLong(new String(r.stdout(), StandardCharsets.UTF_8).trim()))
                    .isEqualTo(ByteSize.ofMiB(mib).bytes());
        }
    }

    @Test
    void refusesNetworkAccess() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/true"), limits().withNetwork(true)));
        assertThat(r.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(r.message()).contains("network");
    }

    @Test
    void usesTheImageConfiguredForAProfile() throws Exception {
        String tagged = "judge-runtime-test:jvm";
        engine.client.tagImageCmd("judge-runtime:latest", "judge-runtime-test", "jvm").exec();
        try (Sandbox other = DockerSandbox.builder().hostToolchain().poolSize(1).poolName("judge-test-profiles").uidBase(61100)
                .image("jvm", tagged).build()) {
            assertThat(other.run(SandboxRequest.of(List.of("/bin/true"), limits()).withProfile("jvm")).succeeded())
                    .isTrue();
            assertThat(engine.labelled()).filteredOn(c -> "judge-test-profiles".equals(c.getLabels().get(Settings.LABEL)))
                    .extracting(Container::getImage).contains(tagged);
        } finally {
            engine.client.removeImageCmd(tagged).exec();
        }
    }

    @Test
    void removesLeftoversOfItsPoolNameAtStart() {
        String leftover = engine.client.createContainerCmd("judge-runtime:latest")
                .withLabels(Map.of(Settings.LABEL, "judge-test-leftovers")).exec().getId();
        String other = engine.client.createContainerCmd("judge-runtime:latest")
                .withLabels(Map.of(Settings.LABEL, "judge-test-someone-else")).exec().getId();
        try (Sandbox fresh = DockerSandbox.builder().hostToolchain().poolSize(1).poolName("judge-test-leftovers")
                .uidBase(61100).build()) {
            List<String> ids = engine.labelled().stream().map(Container::getId).toList();
            assertThat(ids).doesNotContain(leftover).contains(other);
            assertThat(fresh.name()).isEqualTo("docker");
        } finally {
            engine.client.removeContainerCmd(other).withForce(true).exec();
        }
    }

    @Test
    void refusesToStartWithoutItsImages() {
        assertThatThrownBy(() -> DockerSandbox.builder().image("judge-no-such-image:missing").poolName("judge-test-x")
                .buildImageIfMissing(false).build())
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("judge-no-such-image:missing")
                .hasMessageContaining("scripts/build-docker-image.sh")
                .hasMessageContaining("buildImageIfMissing(true)");
        assertThat(engine.client.listImagesCmd().withReferenceFilter("judge-no-such-image").exec())
                .as("nothing built without buildImageIfMissing").isEmpty();
        assertThatThrownBy(() -> DockerSandbox.builder().image("node", "judge-no-such-image:node")
                .poolName("judge-test-x").build())
                .isInstanceOf(SandboxException.class).hasMessageContaining("judge-no-such-image:node");
    }

    @Test
    void checksItsOptionsAtOnce() {
        DockerSandbox.Builder b = DockerSandbox.builder();
        assertThatThrownBy(() -> b.poolSize(0)).hasMessageContaining("poolSize");
        assertThatThrownBy(() -> b.maxRunsPerContainer(0)).hasMessageContaining("maxRunsPerContainer");
        assertThatThrownBy(() -> b.readOnlyBind("relative")).hasMessageContaining("absolute");
        assertThatThrownBy(() -> b.readOnlyBind("/data", "/work")).hasMessageContaining("/work");
        assertThatThrownBy(() -> b.readOnlyBind("/data", "/proc/x")).hasMessageContaining("/proc");
        assertThatThrownBy(() -> b.readOnlyBind("/var/run/docker.sock")).hasMessageContaining("docker.sock");
        assertThatThrownBy(() -> b.readOnlyBind("/")).hasMessageContaining("/");
        assertThatThrownBy(() -> b.cpus(0)).hasMessageContaining("cpus");
        assertThatThrownBy(() -> b.poolName("a b")).hasMessageContaining("poolName");
        assertThatThrownBy(() -> b.workDirSize(ByteSize.ofKiB(4))).hasMessageContaining("workDirSize");
        assertThatThrownBy(() -> b.image(" ")).hasMessageContaining("image");
    }
}
