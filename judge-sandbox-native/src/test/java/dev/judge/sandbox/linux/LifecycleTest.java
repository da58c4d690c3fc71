package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.testsupport.RequiredParts;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** What a dead helper, a close during a run and a JVM killed earlier leave behind: nothing. */
class LifecycleTest {
    private static final Limits LONG = Limits.defaults().withWallTime(Duration.ofSeconds(30))
            .withCpuTime(Duration.ofSeconds(30));

    private static List<ProcessHandle> helpers() {
        return ProcessHandle.current().children()
                .filter(p -> p.info().command().map(c -> c.endsWith("judge-helper")).orElse(false)).toList();
    }

    static void awaitNoBoxProcess() throws InterruptedException {
        for (int i = 0; i < 100 && !TestSandboxes.boxProcesses().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(TestSandboxes.boxProcesses()).isEmpty();
    }

    @Test
    void aKilledHelperTakesItsBoxAlongAndTheSlotRecovers() throws Exception {
        try (NativeSandbox sandbox = TestSandboxes.require(1)) {
            CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(
                    () -> sandbox.run(SandboxRequest.of(List.of("/bin/sleep", "30"), LONG)));
            while (TestSandboxes.boxProcesses().isEmpty()) {
                Thread.sleep(10);
            }
            for (ProcessHandle h : helpers()) {
                h.destroyForcibly();
            }
            SandboxResult r = run.get(10, TimeUnit.SECONDS);
            assertThat(r.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
            awaitNoBoxProcess();
            SandboxResult again = sandbox.run(SandboxRequest.of(List.of("/bin/true"), Limits.defaults()));
            assertThat(again.succeeded()).as(again.message()).isTrue();
        }
    }

    @Test
    void closeKillsRunsInProgress() throws Exception {
        NativeSandbox sandbox = TestSandboxes.require(1);
        CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(
                () -> sandbox.run(SandboxRequest.of(List.of("/bin/sleep", "30"), LONG)));
        while (TestSandboxes.boxProcesses().isEmpty()) {
            Thread.sleep(10);
        }
        long t0 = System.nanoTime();
        sandbox.close();
        SandboxResult r = run.get(10, TimeUnit.SECONDS);
        assertThat(r.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(Duration.ofNanos(System.nanoTime() - t0)).isLessThan(Duration.ofSeconds(5));
        awaitNoBoxProcess();
        assertThat(helpers()).isEmpty();
    }

    @Test
    void leftoversOfADeadJvmAreReapedAtStart() throws Exception {
        TestSandboxes.requireConfinement();
        CgroupDetector.Detection det = CgroupDetector.detect();
        RequiredParts.require(det.driver() != null, "cgroups: " + det.detail());
        // no such pid can exist (pid_max is at most 2^22); our pid in the name keeps concurrent suites apart
        String dead = "999999999-" + ProcessHandle.current().pid() + "-1";
        Path state = Path.of(System.getProperty("java.io.tmpdir"), "judge-native");
        InstanceDirs.ensurePrivateBase(state);
        Files.createDirectories(state.resolve(dead).resolve("root-0"));
        Files.writeString(state.resolve(dead).resolve("helper-0.log"), "left over");
        Process orphan = new ProcessBuilder("sleep", "60").start();
        try {
            for (Path parent : det.driver().instanceParents()) {
                Path slot = Files.createDirectories(parent.resolve(dead).resolve("box-0"));
                Path cpus = slot.resolve("cpuset.cpus");
                if (Files.exists(cpus) && CgroupFiles.read(cpus).isBlank()) {
                    // a v1 cpuset without CPUs takes no process (ENOSPC): its directory alone must be reaped
                    continue;
                }
                Files.writeString(slot.resolve("cgroup.procs"), Long.toString(orphan.pid()));
            }
            try (NativeSandbox sandbox = TestSandboxes.require(1)) {
                assertThat(orphan.waitFor(5, TimeUnit.SECONDS)).as("process left in a dead instance's cgroup").isTrue();
                for (Path parent : det.driver().instanceParents()) {
                    assertThat(parent.resolve(dead)).doesNotExist();
                }
                assertThat(state.resolve(dead)).doesNotExist();
                assertThat(sandbox.run(SandboxRequest.of(List.of("/bin/true"), Limits.defaults())).succeeded()).isTrue();
            }
        } finally {
            orphan.destroyForcibly();
        }
    }

    @Test
    void aJvmKilledMidRunLeavesNoProcessAndItsCgroupsAndDirsAreReapedNextStart() throws Exception {
        TestSandboxes.requireConfinement();
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledJvmChild.class.getName(),
                Integer.toString(TestSandboxes.firstUid()))
                .redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(child.getInputStream())).readLine();
            assertThat(first).isEqualTo("started");
            for (int i = 0; i < 500 && TestSandboxes.boxProcesses().isEmpty(); i++) {
                Thread.sleep(10);
            }
            assertThat(TestSandboxes.boxProcesses()).as("the child's box is running").isNotEmpty();
        } finally {
            child.destroyForcibly(); // SIGKILL: no shutdown hook, no close()
            child.waitFor(10, TimeUnit.SECONDS);
        }
        // the helper reads end of file on its stdin and takes its box down with it
        awaitNoBoxProcess();
        String childInstance = child.pid() + "-";
        for (int i = 0; i < 200 && helperOf(childInstance); i++) {
            Thread.sleep(10);
        }
        assertThat(helperOf(childInstance)).as("helper of the killed JVM").isFalse();
        CgroupDetector.Detection det = CgroupDetector.detect();
        try (NativeSandbox next = TestSandboxes.require(1)) {
            for (Path parent : det.driver() == null ? List.<Path>of() : det.driver().instanceParents()) {
                try (var s = Files.list(parent)) {
                    assertThat(s.filter(p -> p.getFileName().toString().startsWith(childInstance)).toList())
                            .as("cgroups of the killed JVM").isEmpty();
                }
            }
            try (var s = Files.list(Path.of(System.getProperty("java.io.tmpdir"), "judge-native"))) {
                assertThat(s.filter(p -> p.getFileName().toString().startsWith(childInstance)).toList())
                        .as("private dirs of the killed JVM").isEmpty();
            }
            assertThat(next.run(SandboxRequest.of(List.of("/bin/true"), Limits.defaults())).succeeded()).isTrue();
        }
    }

    /** Whether a helper process of the given instance prefix is still running. */
    private static boolean helperOf(String instancePrefix) {
        return ProcessHandle.allProcesses().anyMatch(p -> p.info().commandLine()
                .map(c -> c.contains("judge-helper") && c.contains("/" + instancePrefix)).orElse(false));
    }
}
