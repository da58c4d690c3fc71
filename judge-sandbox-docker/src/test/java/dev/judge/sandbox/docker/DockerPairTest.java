package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * {@code runPair} on a real engine: two shell commands talking through the pair's pipes, each in its own warm
 * container, checked against the contract of {@link dev.judge.core.sandbox.Sandbox#runPair}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class DockerPairTest {
    private static final int POOL = 4;
    private DockerSandbox sandbox;

    @BeforeAll
    void open() {
        sandbox = (DockerSandbox) TestSandboxes.create(DockerSandbox.builder().poolSize(POOL)
                .acquireTimeout(Duration.ofSeconds(60)));
    }

    @AfterAll
    void close() {
        if (sandbox != null) {
            Path folder = sandbox.pairFolder();
            sandbox.close();
            assertThat(folder).as("the FIFOs' folder goes with the sandbox").doesNotExist();
        }
    }

    private static Limits limits() {
        return Limits.defaults().withProcesses(16).withWallTime(Duration.ofSeconds(10))
                .withCpuTime(Duration.ofSeconds(5)).withMemory(ByteSize.ofMiB(256));
    }

    private static SandboxRequest sh(String script) {
        return SandboxRequest.of(List.of("/bin/sh", "-c", script), limits());
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static String describe(PairResult r) {
        return "program: " + r.program().termination() + " " + r.program().exitCode() + "/" + r.program().signal()
                + " " + r.program().message() + " [" + text(r.program().stderr()).strip() + "]; peer: "
                + r.peer().termination() + " " + r.peer().exitCode() + "/" + r.peer().signal() + " "
                + r.peer().message() + " [" + text(r.peer().stderr()).strip() + "]; first " + r.endedFirst();
    }

    private static void assertExited(SandboxResult r, int code, PairResult pair) {
        assertThat(r.termination()).as(describe(pair)).isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).as(describe(pair)).isEqualTo(code);
    }

    @Test
    void programAnswersWhatThePeerAsks() {
        String peer = "for i in 1 2 3 4 5; do echo $i; read x || exit 2; [ \"$x\" = $((i * 2)) ] || exit 3; done;"
                + " echo peer-done >&2; exit 42";
        // After the peer has gone the program reads end of file, and lingers so the order of the ends is certain.
        String program = "while read x; do echo $((x * 2)); done; echo program-done >&2; sleep 0.3";
        PairResult r = sandbox.runPair(sh(program).withStdin("999\n".getBytes(StandardCharsets.UTF_8)), sh(peer));
        assertExited(r.peer(), 42, r);
        assertExited(r.program(), 0, r);
        assertThat(text(r.peer().stderr())).isEqualTo("peer-done\n");
        assertThat(text(r.program().stderr())).isEqualTo("program-done\n");
        assertThat(r.program().stdout()).as("the program's stdout went to the peer").isEmpty();
        assertThat(r.peer().stdout()).as("the peer's stdout went to the program").isEmpty();
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PEER);
    }

    @Test
    void thePeerReadsEndOfFileWhenTheProgramExits() {
        PairResult r = sandbox.runPair(sh("read x; exit 3"),
                sh("echo 1; if read y; then exit 1; fi; sleep 0.3; exit 7"));
        assertExited(r.program(), 3, r);
        assertExited(r.peer(), 7, r);
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
    }

    @Test
    void aCrashOrALimitOnOneSideClosesItsEnds() {
        String peer = "echo go; if read y; then exit 1; fi; sleep 0.3; exit 7";
        PairResult crash = sandbox.runPair(sh("read x; kill -SEGV $$"), sh(peer));
        assertThat(crash.program().termination()).as(describe(crash)).isEqualTo(Termination.SIGNALED);
        assertThat(crash.program().signal()).isEqualTo(11);
        assertExited(crash.peer(), 7, crash);
        assertThat(crash.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);

        SandboxRequest hog = SandboxRequest.of(List.of("python3", "-c",
                "import sys\nsys.stdin.readline()\nb = bytearray(b'\\x01') * (512 * 1024 * 1024)\n"),
                limits().withMemory(ByteSize.ofMiB(64)));
        PairResult memory = sandbox.runPair(hog, sh(peer));
        assertThat(memory.program().termination()).as(describe(memory)).isEqualTo(Termination.MEMORY_LIMIT);
        assertExited(memory.peer(), 7, memory);
        assertThat(memory.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
    }

    @Test
    void aSideTheSandboxCannotStartHangsUpAtOnce() {
        String program = "if read x; then exit 1; fi; exit 7";
        long start = System.nanoTime();
        // A file path through another file: the peer's work dir cannot be prepared.
        SandboxRequest unprepared = sh("exit 0").withFiles(List.of(
                new SandboxFile("f", new byte[] {1}, false), new SandboxFile("f/g", new byte[] {1}, false)));
        PairResult setup = sandbox.runPair(sh(program), unprepared);
        assertThat(setup.peer().termination()).as(describe(setup)).isEqualTo(Termination.SANDBOX_FAILURE);
        assertExited(setup.program(), 7, setup);

        PairResult missing = sandbox.runPair(sh(program), SandboxRequest.of(List.of("/no/such/interactor"), limits()));
        assertThat(missing.peer().termination()).as(describe(missing)).isEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(missing.peer().message()).contains("/no/such/interactor");
        assertExited(missing.program(), 7, missing);
        assertThat(Duration.ofNanos(System.nanoTime() - start)).as("no wait for a partner that never comes")
                .isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void aPoolOfOneCannotServeAPairAndSaysSo() {
        // Its own pool name: a sandbox starting under the class sandbox's name would remove that one's containers.
        try (DockerSandbox one = DockerSandbox.builder().hostToolchain().poolSize(1)
                .poolName(TestSandboxes.POOL + "-one").build()) {
            assertThatThrownBy(() -> one.runPair(sh("true"), sh("true")))
                    .isInstanceOf(SandboxException.class).hasMessageContaining("poolSize");
        }
    }

    @Test
    void theProgramGetsSigpipeWhenThePeerHasGone() {
        PairResult r = sandbox.runPair(sh("sleep 0.5; while :; do echo x; done"), sh("exit 5"));
        assertExited(r.peer(), 5, r);
        assertThat(r.program().termination()).as(describe(r)).isEqualTo(Termination.SIGNALED);
        assertThat(r.program().signal()).as("SIGPIPE").isEqualTo(13);
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PEER);
    }

    @Test
    void aDeadlockEndsAtTheWallTimeLimits() {
        Limits oneSecond = limits().withWallTime(Duration.ofSeconds(1));
        // Both block reading; whichever is killed first, the other then sleeps on into its own limit.
        SandboxRequest waiting = SandboxRequest.of(List.of("/bin/sh", "-c", "read x; sleep 60"), oneSecond);
        long start = System.nanoTime();
        PairResult r = sandbox.runPair(waiting, waiting);
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.program().termination()).as(describe(r)).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.peer().termination()).as(describe(r)).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.program().wallTime()).isBetween(Duration.ofMillis(900), Duration.ofSeconds(3));
        assertThat(took).isLessThan(Duration.ofSeconds(8));
    }

    @Test
    void cpuTimeIsCountedForEachSideAlone() {
        SandboxRequest spin = SandboxRequest.of(List.of("python3", "-c",
                "import time\nt = time.process_time()\nwhile time.process_time() - t < 0.6: pass\n"), limits());
        SandboxRequest idle = sh("cat > /dev/null");
        PairResult programSpins = sandbox.runPair(spin, idle);
        assertExited(programSpins.program(), 0, programSpins);
        assertExited(programSpins.peer(), 0, programSpins);
        assertThat(programSpins.program().cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(programSpins.peer().cpuTime()).isLessThan(Duration.ofMillis(200));

        PairResult peerSpins = sandbox.runPair(idle, spin);
        assertExited(peerSpins.peer(), 0, peerSpins);
        assertThat(peerSpins.peer().cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(550));
        assertThat(peerSpins.program().cpuTime()).isLessThan(Duration.ofMillis(200));
    }

    @Test
    void theProgramCannotReachThePeer() {
        // The peer keeps a marked process alive and a file in its work dir while the program tries everything.
        String peer = "sleep 7.77 & id -u >&2; echo ready; read x; kill $!; [ \"$x\" = alive ] && exit 42; exit 1";
        String program = "read r; id -u >&2; ls -A /work >&2;"
                + " cat /work/secret.txt 2>/dev/null && echo LEAK >&2;"
                + " if ls /pair >/dev/null 2>&1; then echo LISTED >&2; fi;"
                + " if touch /pair/x 2>/dev/null; then echo WROTE >&2; fi;"
                + " for p in /proc/[0-9]*; do p=${p#/proc/}; [ \"$p\" = \"$$\" ] || kill -9 \"$p\" 2>/dev/null; done;"
                + " kill -9 -1 2>/dev/null;"
                + " if grep -qs '7[.]77' /proc/[0-9]*/cmdline; then echo seen; else echo alive; fi";
        SandboxRequest peerRequest = sh(peer).withFiles(List.of(
                new SandboxFile("secret.txt", "the answer".getBytes(StandardCharsets.UTF_8), false)));
        SandboxRequest programRequest = sh(program).withFiles(List.of(
                new SandboxFile("mine.txt", "x".getBytes(StandardCharsets.UTF_8), false)));
        PairResult r = sandbox.runPair(programRequest, peerRequest);
        assertExited(r.peer(), 42, r);
        assertExited(r.program(), 0, r);
        List<String> programLines = text(r.program().stderr()).lines().toList();
        String peerUid = text(r.peer().stderr()).strip();
        assertThat(programLines).as(describe(r)).containsExactly(programLines.get(0), "mine.txt");
        assertThat(programLines.get(0)).as("each side runs as its own user").isNotEqualTo(peerUid);
    }

    @Test
    void eachSideCollectsItsOwnFiles() {
        SandboxRequest program = sh("echo hi; echo program > answer.txt").withCollect(List.of("*.txt"));
        SandboxRequest peer = sh("read x; echo \"peer got $x\" > verdict.txt").withCollect(List.of("*.txt"));
        PairResult r = sandbox.runPair(program, peer);
        assertExited(r.program(), 0, r);
        assertExited(r.peer(), 0, r);
        assertThat(r.program().collected()).extracting(SandboxFile::path).containsExactly("answer.txt");
        assertThat(text(r.program().collected().get(0).content())).isEqualTo("program\n");
        assertThat(r.peer().collected()).extracting(SandboxFile::path).containsExactly("verdict.txt");
        assertThat(text(r.peer().collected().get(0).content())).isEqualTo("peer got hi\n");
    }

    @Test
    void pairsInARowAndAtOnceLeaveNothingBehind() throws Exception {
        for (int i = 0; i < 20; i++) {
            assertEcho(i);
        }
        // More pairs at once than the pool can serve together: taking containers must not deadlock.
        ExecutorService threads = Executors.newFixedThreadPool(POOL);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < POOL; t++) {
                int base = 100 * (t + 1);
                done.add(threads.submit(() -> {
                    for (int i = 0; i < 4; i++) {
                        assertEcho(base + i);
                    }
                    return null;
                }));
            }
            for (Future<?> f : done) {
                f.get(3, TimeUnit.MINUTES);
            }
        } finally {
            threads.shutdownNow();
        }
        try (Stream<Path> left = Files.list(sandbox.pairFolder())) {
            assertThat(left).as("FIFOs left behind").isEmpty();
        }
        // Every container the pairs used has no process left but its runner (and the shell looking).
        for (int i = 0; i < POOL; i++) {
            SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "echo /proc/[0-9]*"), limits()));
            assertThat(text(r.stdout()).strip().split(" ")).as(text(r.stdout())).hasSize(2);
        }
    }

    private void assertEcho(int n) {
        PairResult r = sandbox.runPair(sh("read x; echo $((x + 1))"),
                sh("echo " + n + "; read y; [ \"$y\" = " + (n + 1) + " ] && exit 42; exit 1"));
        assertExited(r.peer(), 42, r);
        assertExited(r.program(), 0, r);
    }
}
