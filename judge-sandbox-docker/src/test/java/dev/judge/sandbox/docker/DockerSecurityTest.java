package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile programs: each test asserts what the run reports and that the host (and the next run) is
 * unaffected. After every test no process of a run may be left on the host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerSecurityTest {
    private Sandbox sandbox;

    @BeforeAll
    void open() {
        sandbox = TestSandboxes.create(2);
    }

    @AfterAll
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void hostIsUnaffected() {
        assertThat(runProcessesOnHost()).as("processes of runs still alive on the host").isEmpty();
        SandboxResult r = sh("echo ok");
        assertThat(r.succeeded()).as("a plain run after the test: " + r.message()).isTrue();
        assertThat(text(r.stdout())).isEqualTo("ok\n");
    }

    private static Limits limits() {
        return Limits.defaults().withProcesses(16).withWallTime(Duration.ofSeconds(5))
                .withCpuTime(Duration.ofSeconds(2)).withMemory(ByteSize.ofMiB(128));
    }

    private SandboxResult sh(String script) {
        return sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()));
    }

    private SandboxResult python(String script, Limits limits) {
        return sandbox.run(SandboxRequest.of(List.of("python3", "-c", script), limits));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    /**
     * Host processes of the sandboxes' users other than the containers' serving runners (and the engine's
     * {@code runc init} while a replacement container starts). The runner kills everything a run started
     * before it reports, so this is empty between runs.
     */
    static List<String> runProcessesOnHost() {
        List<String> found = new ArrayList<>();
        try (Stream<Path> procs = Files.list(Path.of("/proc"))) {
            for (Path p : (Iterable<Path>) procs::iterator) {
                if (!p.getFileName().toString().matches("\\d+")) {
                    continue;
                }
                try {
                    int uid = -1;
                    for (String line : Files.readAllLines(p.resolve("status"))) {
                        if (line.startsWith("Uid:")) {
                            uid = Integer.parseInt(line.split("\\s+")[1]);
                        }
                    }
                    String cmd = new String(Files.readAllBytes(p.resolve("cmdline")), StandardCharsets.UTF_8)
                            .replace('\0', ' ').trim();
                    // An empty command line is a process already past its user memory (exiting, or a zombie
                    // of a container being removed after recycling): it runs no code any more.
                    if (uid >= 61000 && uid < 61000 + RootFs.USERS && !cmd.isEmpty()
                            && !cmd.startsWith(Settings.RUNNER + " serve ") && !cmd.equals("runc init")) {
                        found.add(uid + " " + cmd);
                    }
                } catch (IOException | RuntimeException e) {
                    // the process ended while being read
                }
            }
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return found;
    }

    @Test
    void forkBombEndsAtATimeLimitWithinTheProcessLimit() {
        SandboxResult r = python("import os\nwhile True:\n    try:\n        os.fork()\n    except OSError:\n        pass\n",
                limits());
        assertThat(r.termination()).isIn(Termination.CPU_TIME_LIMIT, Termination.WALL_TIME_LIMIT);
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void shellForkBombIsContained() {
        SandboxResult r = sh("b() { b | b & }; b; sleep 3");
        assertThat(r.termination()).isNotEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(7));
    }

    @Test
    void memoryBombIsKilledAtTheMemoryLimit() {
        SandboxResult r = python("chunks = []\nwhile True:\n    chunks.append(bytearray(16 * 1024 * 1024))\n",
                limits().withMemory(ByteSize.ofMiB(64)));
        assertThat(r.termination()).as(text(r.stderr())).isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(r.peakMemory()).isGreaterThanOrEqualTo(ByteSize.ofMiB(48));
    }

    @Test
    void threadBombHitsTheProcessLimit() {
        SandboxResult r = python("import threading, time\nn = 0\ntry:\n    while True:\n"
                + "        threading.Thread(target=time.sleep, args=(5,), daemon=True).start()\n        n += 1\n"
                + "except RuntimeError as e:\n    print('stopped after', n, e)\n", limits().withProcesses(8));
        assertThat(r.termination()).as(text(r.stderr())).isEqualTo(Termination.EXITED);
        assertThat(text(r.stdout())).startsWith("stopped after");
        int threads = Integer.parseInt(text(r.stdout()).split(" ")[2]);
        assertThat(threads).isLessThan(8);
    }

    @Test
    void killMinusOneAndKillingTheRunnerAreRefused() {
        SandboxResult r = python("import os, signal\n"
                + "for target in (-1, os.getppid(), -os.getpgid(os.getppid())):\n"
                + "    try:\n        os.kill(target, signal.SIGKILL)\n        print('killed', target)\n"
                + "    except OSError as e:\n        print('refused', e.errno)\n"
                + "print('alive')\n", limits());
        assertThat(r.termination()).as(text(r.stderr())).isEqualTo(Termination.EXITED);
        assertThat(text(r.stdout())).isEqualTo("refused 1\nrefused 1\nrefused 1\nalive\n");
    }

    @Test
    void cannotReachTheRunnersChannelOrForgeAResult() {
        // The runner is the container's first process and speaks to the sandbox over its stdin/stdout.
        SandboxResult r = sh("ls /proc/1/fd 2>/dev/null && echo listed; cat /proc/1/environ 2>/dev/null && echo read;"
                + " printf '\\004\\000\\000\\000\\010exit=0\\n' > /proc/1/fd/1 2>/dev/null && echo forged;"
                + " echo end; exit 3");
        assertThat(text(r.stdout())).isEqualTo("end\n");
        assertThat(r.exitCode()).isEqualTo(3);
    }

    @Test
    void canSignalItsOwnChildren() {
        SandboxResult r = sh("sleep 30 & kill -9 $!; wait $!; echo status $?");
        assertThat(text(r.stdout())).isEqualTo("status 137\n");
    }

    @Test
    void seesNoNetworkButLoopback() {
        SandboxResult r = sh("cat /proc/net/dev");
        assertThat(r.succeeded()).isTrue();
        List<String> interfaces = text(r.stdout()).lines().skip(2)
                .map(l -> l.trim().split(":")[0]).toList();
        assertThat(interfaces).containsExactly("lo");
    }

    @Test
    void cannotReadHostSecretsOrEnvironment() throws IOException {
        Path secret = Files.createTempFile(Path.of(System.getProperty("java.io.tmpdir")), "judge-secret", ".txt");
        try {
            Files.writeString(secret, "TOP-SECRET-VALUE");
            SandboxResult r = sh("cat " + secret + " /etc/shadow /root/.bash_history 2>&1; ls /home /root 2>&1;"
                    + " cat /proc/1/environ | tr '\\0' '\\n'; env");
            String out = text(r.stdout());
            assertThat(out).doesNotContain("TOP-SECRET-VALUE").contains("No such file");
            for (String name : System.getenv().keySet()) {
                if (!List.of("PATH", "HOME", "LANG", "HOSTNAME", "PWD", "SHLVL", "_").contains(name)) {
                    assertThat(out).as("host variable " + name).doesNotContain(name + "=");
                }
            }
        } finally {
            Files.delete(secret);
        }
    }

    @Test
    void cannotWriteToTheHostOrTheImage() {
        SandboxResult r = sh("for f in /usr/probe /opt/judge/probe /etc/probe /probe /proc/sys/kernel/hostname"
                + " /sys/fs/cgroup/memory/memory.limit_in_bytes; do echo x > $f 2>/dev/null && echo wrote $f; done;"
                + " echo end");
        assertThat(text(r.stdout())).isEqualTo("end\n");
        assertThat(Files.exists(Path.of("/usr/probe"))).isFalse();
        assertThat(Files.exists(Path.of("/probe"))).isFalse();
    }

    @Test
    void runsAsAnUnprivilegedUserWithoutCapabilities() {
        SandboxResult r = sh("id -u; grep -E '^(CapEff|CapBnd|NoNewPrivs|Seccomp):' /proc/self/status");
        String out = text(r.stdout());
        assertThat(Integer.parseInt(out.lines().findFirst().orElseThrow())).isGreaterThanOrEqualTo(61000);
        assertThat(out).contains("CapEff:\t0000000000000000", "CapBnd:\t0000000000000000", "NoNewPrivs:\t1",
                "Seccomp:\t2");
    }

    @Test
    void dockersDefaultSeccompProfileAppliesToTheWholeContainer() {
        // The runner installs no filter on itself: a filter on the container's first process is Docker's.
        SandboxResult r = sh("grep '^Seccomp:' /proc/1/status; unshare -Ur true 2>/dev/null && echo unshared;"
                + " unshare -m true 2>/dev/null && echo mount-ns; echo end");
        assertThat(text(r.stdout())).isEqualTo("Seccomp:\t2\nend\n");
    }

    @Test
    void floodOnBothStreamsIsCappedAtTheOutputLimit() {
        Limits l = limits().withOutputSize(ByteSize.ofKiB(32));
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "yes err >&2 & yes out"), l));
        assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.outputTruncated()).isTrue();
        assertThat(r.stdout().length).isLessThanOrEqualTo(32 * 1024);
        assertThat(r.stderr().length).isLessThanOrEqualTo(32 * 1024);
    }

    @Test
    void fillingTheWorkDirStopsAtItsSize() {
        Limits l = limits().withMemory(ByteSize.ofMiB(512)).withFileSize(ByteSize.ofGiB(1))
                .withWallTime(Duration.ofSeconds(10));
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "head -c 400000000 /dev/zero > fill; echo exit $? >&2"), l));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(text(r.stderr())).contains("No space left on device").contains("exit 1");
        SandboxResult next = sh("ls -A; df -k . | tail -1");
        assertThat(text(next.stdout())).doesNotContain("fill");
    }

    @Test
    void filesInTheWorkDirCountAgainstTheMemoryLimit() {
        Limits l = limits().withMemory(ByteSize.ofMiB(64)).withFileSize(ByteSize.ofGiB(1));
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "head -c 200000000 /dev/zero > fill; echo exit $?"), l));
        assertThat(r.termination()).as(text(r.stdout()) + text(r.stderr())).isEqualTo(Termination.MEMORY_LIMIT);
    }

    @Test
    void sleepIsAWallTimeLimitAndSpinIsACpuTimeLimit() {
        Limits l = limits().withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(3));
        SandboxResult sleep = sandbox.run(SandboxRequest.of(List.of("/bin/sleep", "60"), l));
        assertThat(sleep.termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(sleep.cpuTime()).isLessThan(Duration.ofMillis(200));

        SandboxResult spin = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "while :; do :; done & while :; do :; done"), l.withWallTime(Duration.ofSeconds(10))));
        assertThat(spin.termination()).isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(spin.cpuTime()).as("CPU time of both spinning processes")
                .isGreaterThanOrEqualTo(Duration.ofMillis(950)).isLessThan(Duration.ofSeconds(3));
    }

    @Test
    void filesThatDoNotFitFailTheRunButNotTheContainer() {
        try (Sandbox small = DockerSandbox.builder().hostToolchain().poolSize(1).maxRunsPerContainer(100)
                .workDirSize(ByteSize.ofMiB(4)).poolName("judge-test-small").uidBase(61100).build()) {
            SandboxRequest tooBig = SandboxRequest.of(List.of("/bin/true"), limits()).withFiles(List.of(
                    dev.judge.core.sandbox.SandboxFile.of("big.bin", new byte[5 * 1024 * 1024]),
                    dev.judge.core.sandbox.SandboxFile.of("after.txt", new byte[] {1})));
            SandboxResult r = small.run(tooBig);
            assertThat(r.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
            assertThat(r.message()).contains("big.bin", "No space left");
            SandboxResult next = small.run(SandboxRequest.of(List.of("/bin/sh", "-c", "ls -A; echo ok"), limits()));
            assertThat(next.succeeded()).as(next.message()).isTrue();
            assertThat(text(next.stdout())).as("same container, empty work dir").isEqualTo("ok\n");
        }
        SandboxResult clash = sandbox.run(SandboxRequest.of(List.of("/bin/true"), limits())
                .withFiles(List.of(dev.judge.core.sandbox.SandboxFile.of("a", new byte[] {1}),
                        dev.judge.core.sandbox.SandboxFile.of("a/b", new byte[] {2}))));
        assertThat(clash.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(clash.message()).contains("a/b");
    }

    @Test
    void reportsAMissingProgramAsAFailureToStart() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("no-such-program"), limits()));
        assertThat(r.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(r.message()).contains("no-such-program").contains("No such file");
    }
}
