package dev.judge.core.sandbox.tck;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The contract of {@link Sandbox#runPair}: two commands connected by pipes, each under its own limits and
 * user. An implementation's test extends this class and supplies the sandbox (with at least four slots, so
 * that two pairs can run at once); one sandbox serves the whole class.
 *
 * <p>Commands use only {@code /bin/sh} and coreutils, which every sandbox of the project offers. Where a case
 * checks which command ended first, the other lingers a fifth of a second: a sandbox orders ends by when it saw
 * them, and two ends closer than its own wake-ups may be seen in either order on a loaded host.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class PairContract {

    protected Sandbox sandbox;

    /** The sandbox under test. Called once per test class; skip (or fail) here when it cannot run. */
    protected abstract Sandbox createSandbox() throws Exception;

    /**
     * What the sandbox left behind on the host once every pair has ended (processes, pipes, FIFOs), one
     * description each; empty when nothing. An implementation that can look overrides this.
     */
    protected List<String> leftovers() {
        return List.of();
    }

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

    /** Limits for ordinary commands: generous enough for a shell. */
    protected Limits limits() {
        return Limits.defaults().withProcesses(16).withWallTime(Duration.ofSeconds(10))
                .withCpuTime(Duration.ofSeconds(5)).withMemory(ByteSize.ofMiB(256));
    }

    protected static SandboxRequest sh(String script, Limits limits) {
        return SandboxRequest.of(List.of("/bin/sh", "-c", script), limits);
    }

    protected static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    /** Answers each number with its double; says on stderr what it heard. */
    protected static final String DOUBLER = "while read x; do echo \"program got $x\" >&2; echo $((x * 2)); done; "
            + "echo 'program done' >&2";

    /** Sends {@code from..from+count-1}, checks each answer, exits 42 when all were right. */
    protected static String asker(int from, int count) {
        return "i=" + from + "; while [ $i -lt " + (from + count) + " ]; do echo $i; read y || exit 3; "
                + "[ \"$y\" = \"$((i * 2))\" ] || { echo \"wrong answer $y to $i\" >&2; exit 4; }; i=$((i + 1)); "
                + "done; echo 'peer says bye' >&2; exit 42";
    }

    private static void assertConversed(PairResult r, int from, int count) {
        assertThat(r.peer().exitCode()).as(r.peer().message() + text(r.peer().stderr())).isEqualTo(42);
        assertThat(r.program().termination()).as(r.program().message()).isEqualTo(Termination.EXITED);
        assertThat(r.program().exitCode()).isZero();
        assertThat(text(r.program().stderr())).contains("program got " + (from + count - 1), "program done");
    }

    @Test
    void connectsTheProgramAndThePeerBothWays() {
        // the program's own stdin bytes are not used: were they, its first answer would be wrong
        PairResult r = sandbox.runPair(sh(DOUBLER + "; sleep 0.2", limits())
                .withStdin("7\n".getBytes(StandardCharsets.UTF_8)), sh(asker(1, 5), limits()));
        assertConversed(r, 1, 5);
        assertThat(text(r.peer().stderr())).isEqualTo("peer says bye\n");
        assertThat(text(r.program().stderr())).doesNotContain("peer says");
        // the program reads end of file only after the peer has gone (and then lingers, so that the order is
        // clear whatever the host's load)
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PEER);
    }

    @Test
    void thePeerReadsEndOfFileWhenTheProgramExits() {
        PairResult r = sandbox.runPair(sh("exit 5", limits()),
                sh("if read x; then exit 1; fi; sleep 0.2; exit 42", limits()));
        assertThat(r.program().exitCode()).isEqualTo(5);
        assertThat(r.peer().exitCode()).as(r.peer().message()).isEqualTo(42);
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
    }

    @Test
    void thePeerReadsEndOfFileWhenTheProgramCrashes() {
        PairResult r = sandbox.runPair(sh("kill -SEGV $$", limits()),
                sh("if read x; then exit 1; fi; sleep 0.2; exit 42", limits()));
        assertThat(r.program().termination()).isEqualTo(Termination.SIGNALED);
        assertThat(r.program().signal()).isEqualTo(11);
        assertThat(r.peer().exitCode()).as(r.peer().message()).isEqualTo(42);
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
    }

    @Test
    void theProgramGetsABrokenPipeWhenThePeerExits() {
        PairResult r = sandbox.runPair(sh("sleep 0.2; exec yes", limits()), sh("exit 0", limits()));
        SandboxResult p = r.program();
        assertThat(p.signal() == 13 || p.exitCode() > 0 && text(p.stderr()).contains("Broken pipe"))
                .as("SIGPIPE or EPIPE: " + p.message() + " " + p.termination() + " " + text(p.stderr())).isTrue();
        assertThat(p.wallTime()).isLessThan(Duration.ofSeconds(5));
        assertThat(r.peer().succeeded()).isTrue();
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PEER);
    }

    @Test
    void aDeadlockEndsAtEachCommandsOwnWallTimeLimit() {
        // both read first; after the partner is gone each sleeps on, so each reaches its own limit
        Limits programLimits = limits().withWallTime(Duration.ofMillis(1000));
        Limits peerLimits = limits().withWallTime(Duration.ofMillis(2000));
        long start = System.nanoTime();
        PairResult r = sandbox.runPair(sh("read x; sleep 30", programLimits), sh("read x; sleep 30", peerLimits));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.program().termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.peer().termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.program().wallTime()).isBetween(Duration.ofMillis(950), Duration.ofMillis(1900));
        assertThat(r.peer().wallTime()).isBetween(Duration.ofMillis(1950), Duration.ofMillis(3500));
        assertThat(r.program().cpuTime()).isLessThan(Duration.ofMillis(300));
        assertThat(took).isLessThan(Duration.ofSeconds(8));
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
    }

    @Test
    void aSpinningPeerReachesItsOwnCpuLimitAndIsNotChargedToTheProgram() {
        Limits peerLimits = limits().withCpuTime(Duration.ofMillis(500));
        PairResult r = sandbox.runPair(sh("read x; sleep 0.2; exit 0", limits()),
                sh("while :; do :; done", peerLimits));
        assertThat(r.peer().termination()).isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(r.peer().cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(450));
        assertThat(r.program().termination()).as(r.program().message()).isEqualTo(Termination.EXITED);
        assertThat(r.program().exitCode()).isZero();
        assertThat(r.program().cpuTime()).isLessThan(Duration.ofMillis(200));
        assertThat(r.program().wallTime()).isGreaterThanOrEqualTo(Duration.ofMillis(400));
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PEER);
    }

    @Test
    void theProgramCanNeitherSignalThePeerNorSeeItsFiles() {
        String peer = "echo secret > peer-secret.txt; echo ready; sleep 1 && echo alive; exit 42";
        String program = "read r; kill -9 -1 2>/dev/null; test -e peer-secret.txt && echo 'saw the secret' >&2; "
                + "read x; echo \"heard $x\" >&2";
        PairResult r = sandbox.runPair(sh(program, limits()), sh(peer, limits()));
        assertThat(r.peer().termination()).as(r.peer().message()).isEqualTo(Termination.EXITED);
        assertThat(r.peer().exitCode()).isEqualTo(42);
        assertThat(text(r.program().stderr())).isEqualTo("heard alive\n");
    }

    @Test
    void collectsFilesFromEachSideSeparately() {
        SandboxRequest program = sh("echo mine > program.out; read x; echo \"$x\" > heard.out", limits())
                .withCollect(List.of("*.out"));
        SandboxRequest peer = sh("echo theirs > peer.out; echo hello", limits()).withCollect(List.of("*.out"));
        PairResult r = sandbox.runPair(program, peer);
        assertThat(r.program().succeeded()).as(r.program().message()).isTrue();
        assertThat(r.peer().succeeded()).as(r.peer().message()).isTrue();
        assertThat(r.program().collected()).extracting(SandboxFile::path)
                .containsExactlyInAnyOrder("program.out", "heard.out");
        assertThat(r.program().collected()).filteredOn(f -> f.path().equals("heard.out")).singleElement()
                .satisfies(f -> assertThat(text(f.content())).isEqualTo("hello\n"));
        assertThat(r.peer().collected()).singleElement().satisfies(f -> {
            assertThat(f.path()).isEqualTo("peer.out");
            assertThat(text(f.content())).isEqualTo("theirs\n");
        });
    }

    @Test
    void runsTwentyPairsInARowAndLeavesNothingBehind() {
        for (int i = 0; i < 20; i++) {
            assertConversed(sandbox.runPair(sh(DOUBLER, limits()), sh(asker(i * 10, 3), limits())), i * 10, 3);
        }
        assertThat(leftovers()).isEmpty();
    }

    /**
     * Both commands end as soon as they start, two hundred times in a row: each side meets its partner at the
     * pipes and ends on its own every time, none waits for a partner that has already gone.
     */
    @Test
    void runsTwoHundredPairsOfCommandsThatEndAtOnce() {
        SandboxRequest quits = SandboxRequest.of(List.of("/bin/true"), limits());
        for (int i = 0; i < 200; i++) {
            PairResult r = sandbox.runPair(quits, quits);
            assertThat(r.program().termination()).as("pair %d: %s", i, r.program().message())
                    .isEqualTo(Termination.EXITED);
            assertThat(r.peer().termination()).as("pair %d: %s", i, r.peer().message())
                    .isEqualTo(Termination.EXITED);
        }
        assertThat(leftovers()).isEmpty();
    }

    @Test
    void runsTwoPairsAtOnceWithoutCrossingTheirPipes() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int base = 1000 * (t + 1);
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 3; i++) {
                        int from = base + 100 * i;
                        assertConversed(sandbox.runPair(sh(DOUBLER, limits()),
                                sh("sleep 0.2; " + asker(from, 4), limits())), from, 4);
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(leftovers()).isEmpty();
    }
}
