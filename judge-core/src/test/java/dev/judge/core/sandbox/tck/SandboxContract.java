package dev.judge.core.sandbox.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract every {@link Sandbox} passes. An implementation's test extends this class and supplies the
 * sandbox; one sandbox serves the whole class, as it would serve a judge.
 *
 * <p>Commands use only {@code /bin/sh}, coreutils and {@code python3}, which every sandbox of the project
 * offers (the native one binds the host's toolchains, the Docker image carries or binds them).
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SandboxContract {

    protected Sandbox sandbox;

    /** The sandbox under test. Called once per test class; skip (or fail) here when it cannot run. */
    protected abstract Sandbox createSandbox() throws Exception;

    @BeforeAll
    void openSandbox() throws Exception {
        sandbox = createSandbox();
    }

    @AfterAll
    void closeSandbox() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    /** Limits for ordinary runs: generous enough for a shell or python3 to start. */
    protected Limits limits() {
        return Limits.defaults().withProcesses(16).withWallTime(Duration.ofSeconds(10))
                .withCpuTime(Duration.ofSeconds(5)).withMemory(ByteSize.ofMiB(256));
    }

    protected SandboxResult sh(String script) {
        return sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()));
    }

    protected SandboxResult run(SandboxRequest request) {
        return sandbox.run(request);
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    @Test
    void reportsStdoutStderrAndExitCodeZero() {
        SandboxResult r = sh("echo hello; echo oops >&2");
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).isZero();
        assertThat(r.succeeded()).isTrue();
        assertThat(text(r.stdout())).isEqualTo("hello\n");
        assertThat(text(r.stderr())).isEqualTo("oops\n");
        assertThat(r.outputTruncated()).isFalse();
    }

    @Test
    void reportsNonZeroExitCode() {
        SandboxResult r = sh("exit 42");
        assertThat(r.termination()).isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).isEqualTo(42);
        assertThat(r.signal()).isZero();
        assertThat(r.succeeded()).isFalse();
    }

    @Test
    void reportsTheSignalThatKilledTheProgram() {
        SandboxResult r = sh("kill -SEGV $$");
        assertThat(r.termination()).isEqualTo(Termination.SIGNALED);
        assertThat(r.signal()).isEqualTo(11);
        assertThat(r.exitCode()).isEqualTo(-1);
    }

    @Test
    void feedsStdinThenEndOfFile() {
        byte[] in = new byte[1 << 20];
        for (int i = 0; i < in.length; i++) {
            in[i] = (byte) ('a' + i % 26);
        }
        in[in.length - 1] = '\n';
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/cat"), limits()).withStdin(in));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(r.stdout()).isEqualTo(in);
    }

    @Test
    void placesFilesInTheWorkDirWithTheirModes() {
        SandboxRequest req = SandboxRequest.of(List.of("./run.sh"), limits()).withFiles(List.of(
                SandboxFile.executable("run.sh", "#!/bin/sh\ncat data/in.txt\n".getBytes(StandardCharsets.UTF_8)),
                SandboxFile.of("data/in.txt", "from a file\n".getBytes(StandardCharsets.UTF_8))));
        SandboxResult r = run(req);
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(text(r.stdout())).isEqualTo("from a file\n");
    }

    @Test
    void collectsMatchingFilesAfterTheRun() {
        SandboxRequest req = SandboxRequest.of(List.of("/bin/sh", "-c",
                "echo one > a.out; echo two > b.out; echo three > c.txt"), limits())
                .withCollect(List.of("*.out"));
        SandboxResult r = run(req);
        assertThat(r.succeeded()).as(r.message()).isTrue();
        assertThat(r.collected()).extracting(SandboxFile::path).containsExactlyInAnyOrder("a.out", "b.out");
        assertThat(r.collected()).filteredOn(f -> f.path().equals("a.out"))
                .singleElement().satisfies(f -> assertThat(text(f.content())).isEqualTo("one\n"));
    }

    @Test
    void neverCollectsThroughASymlinkThatLeavesTheBox() {
        SandboxRequest req = SandboxRequest.of(List.of("/bin/sh", "-c",
                "ln -s /etc/passwd leak.out; ln -s / root.out"), limits())
                .withCollect(List.of("*.out"));
        SandboxResult r = run(req);
        assertThat(r.termination()).isNotEqualTo(Termination.SANDBOX_FAILURE);
        for (SandboxFile f : r.collected()) {
            assertThat(text(f.content())).doesNotContain("root:");
        }
    }

    @Test
    void startsEachRunInAFreshWorkDir() {
        assertThat(sh("echo secret > left.txt").succeeded()).isTrue();
        SandboxResult r = sh("ls -A; test ! -e left.txt");
        assertThat(r.succeeded()).as(text(r.stdout())).isTrue();
    }

    @Test
    void passesOnlyTheGivenEnvironment() {
        SandboxRequest req = SandboxRequest.of(List.of("/usr/bin/env"), limits())
                .withEnvironment(Map.of("JUDGE_TCK", "yes"));
        SandboxResult r = run(req);
        assertThat(r.succeeded()).as(r.message()).isTrue();
        Set<String> names = new HashSet<>();
        for (String line : text(r.stdout()).split("\n")) {
            int eq = line.indexOf('=');
            if (eq > 0) {
                names.add(line.substring(0, eq));
            }
        }
        assertThat(names).contains("JUDGE_TCK", "PATH");
        Set<String> leaked = new HashSet<>(names);
        leaked.retainAll(System.getenv().keySet());
        leaked.removeAll(Set.of("PATH", "HOME", "LANG", "LC_ALL", "PWD", "SHLVL", "_", "TERM", "USER", "HOSTNAME",
                "TMPDIR"));
        assertThat(leaked).as("host environment variables seen in the box").isEmpty();
        assertThat(text(r.stdout())).contains("JUDGE_TCK=yes");
    }

    @Test
    void killsAtTheWallTimeLimit() {
        Limits l = limits().withWallTime(Duration.ofMillis(500));
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sleep", "30"), l));
        assertThat(r.termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.wallTime()).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofSeconds(3));
        assertThat(r.cpuTime()).isLessThan(Duration.ofMillis(300));
    }

    @Test
    void stopsAtTheCpuTimeLimit() {
        Limits l = limits().withCpuTime(Duration.ofMillis(500)).withWallTime(Duration.ofSeconds(10));
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sh", "-c", "while :; do :; done"), l));
        assertThat(r.termination()).isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(r.cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(450)).isLessThan(Duration.ofMillis(2500));
    }

    @Test
    void reportsCpuTimeOfABusyLoop() {
        SandboxResult r = run(SandboxRequest.of(List.of("python3", "-c",
                "import time\nt=time.process_time()\nwhile time.process_time()-t<0.3: pass"), limits()));
        assertThat(r.succeeded()).as(r.message() + text(r.stderr())).isTrue();
        assertThat(r.cpuTime()).isBetween(Duration.ofMillis(300), Duration.ofMillis(1500));
        assertThat(r.wallTime()).isGreaterThanOrEqualTo(Duration.ofMillis(290));
    }

    @Test
    void stopsAtTheMemoryLimit() {
        Limits l = limits().withMemory(ByteSize.ofMiB(64));
        SandboxResult r = run(SandboxRequest.of(List.of("python3", "-c",
                "b = bytearray(b'\\x01') * (256 * 1024 * 1024)\nprint(len(b))"), l));
        assertThat(r.termination()).as(r.message() + text(r.stderr())).isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(text(r.stdout())).isEmpty();
    }

    @Test
    void reportsPeakMemoryOfAKnownAllocation() {
        SandboxResult r = run(SandboxRequest.of(List.of("python3", "-c",
                "b = bytearray(b'\\x01') * (96 * 1024 * 1024)\nprint(len(b))"), limits()));
        assertThat(r.succeeded()).as(r.message() + text(r.stderr())).isTrue();
        assertThat(r.peakMemory().bytes()).isBetween(ByteSize.ofMiB(96).bytes(), ByteSize.ofMiB(160).bytes());
    }

    @Test
    void capsOutputAtTheOutputLimit() {
        Limits l = limits().withOutputSize(ByteSize.ofKiB(64));
        SandboxResult r = run(SandboxRequest.of(List.of("/usr/bin/yes", "flood"), l));
        assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.outputTruncated()).isTrue();
        assertThat(r.stdout().length).isLessThanOrEqualTo(64 * 1024).isGreaterThan(0);
    }

    @Test
    void stopsAtTheFileSizeLimit() {
        Limits l = limits().withFileSize(ByteSize.ofMiB(1));
        SandboxResult r = sh("head -c 8388608 /dev/zero > big.bin");
        assertThat(r.succeeded()).as("8 MiB under the default file size limit: " + r.message()).isTrue();
        r = run(SandboxRequest.of(List.of("/bin/sh", "-c", "head -c 8388608 /dev/zero > big.bin"), l));
        assertThat(r.termination()).isIn(Termination.OUTPUT_LIMIT);
    }

    @Test
    void returnsWhenTheProgramExitsEvenIfItLeftChildrenHoldingItsOutput() {
        Limits l = limits().withWallTime(Duration.ofSeconds(8));
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sh", "-c", "(sleep 30 &); echo done"), l));
        assertThat(r.termination()).isEqualTo(Termination.EXITED);
        assertThat(text(r.stdout())).isEqualTo("done\n");
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(4));
    }

    @Test
    void limitsTheNumberOfProcesses() {
        Limits l = limits().withProcesses(8);
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "for i in $(seq 1 40); do sleep 2 & done; wait; echo finished"), l));
        assertThat(r.termination()).as(r.message()).isNotEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(9));
        assertThat(text(r.stderr())).as("forks beyond the limit fail").containsIgnoringCase("fork");
    }

    @Test
    void hasNoNetworkUnlessAllowed() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String script = "import socket\n"
                    + "s = socket.socket()\n"
                    + "s.settimeout(2)\n"
                    + "try:\n"
                    + "    s.connect(('127.0.0.1', " + server.getLocalPort() + "))\n"
                    + "    print('connected')\n"
                    + "except OSError as e:\n"
                    + "    print('refused', e)\n";
            SandboxResult r = run(SandboxRequest.of(List.of("python3", "-c", script), limits()));
            assertThat(r.termination()).isNotEqualTo(Termination.SANDBOX_FAILURE);
            assertThat(text(r.stdout())).doesNotContain("connected");
        }
    }

    @Test
    void cannotWriteOutsideTheWorkDir() {
        SandboxResult r = sh("echo x > /etc/judge-tck-probe 2>/dev/null && echo wrote-etc; "
                + "echo x > /usr/judge-tck-probe 2>/dev/null && echo wrote-usr; echo end");
        assertThat(text(r.stdout())).isEqualTo("end\n");
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/etc/judge-tck-probe"))).isFalse();
        assertThat(java.nio.file.Files.exists(java.nio.file.Path.of("/usr/judge-tck-probe"))).isFalse();
    }

    @Test
    void runsConcurrentlyInSeparateWorkDirs() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<SandboxResult>> futures = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                String mine = "box" + i;
                futures.add(pool.submit(() -> sh("echo " + mine + " > same.txt; sleep 0.2; cat same.txt")));
            }
            for (int i = 0; i < futures.size(); i++) {
                SandboxResult r = futures.get(i).get();
                assertThat(r.succeeded()).as(r.message()).isTrue();
                assertThat(text(r.stdout())).isEqualTo("box" + i + "\n");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void measuresWallTimeOfASleep() {
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sleep", "0.3"), limits()));
        assertThat(r.succeeded()).as(r.message()).isTrue();
        assertThat(r.wallTime()).isBetween(Duration.ofMillis(290), Duration.ofSeconds(2));
        assertThat(r.cpuTime()).isLessThan(Duration.ofMillis(200));
        assertThat(r.peakMemory().bytes()).isPositive();
    }

    @Test
    void joinsStderrToStdoutInTheOrderWrittenWhenAsked() {
        String script = "for i in 1 2 3 4 5; do echo out$i; echo err$i >&2; done; printf tail >&2";
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()).withStderrToStdout(true));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(text(r.stdout())).isEqualTo(
                "out1\nerr1\nout2\nerr2\nout3\nerr3\nout4\nerr4\nout5\nerr5\ntail");
        assertThat(r.stderr()).isEmpty();
    }

    @Test
    void joinedStreamsShareTheOutputLimit() {
        Limits l = limits().withOutputSize(ByteSize.ofKiB(64));
        SandboxResult r = run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "head -c 40000 /dev/zero; head -c 40000 /dev/zero >&2"), l).withStderrToStdout(true));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.stderr()).isEmpty();
    }
}
