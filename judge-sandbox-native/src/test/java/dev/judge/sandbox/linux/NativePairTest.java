package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.Termination;
import dev.judge.core.sandbox.tck.PairContract;
import java.io.IOException;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The native sandbox passes the pair contract; and what only the native sandbox can show about pairs. */
class NativePairTest extends PairContract {

    @Override
    protected Sandbox createSandbox() {
        return TestSandboxes.require(4);
    }

    private NativeSandbox nativeSandbox() {
        return (NativeSandbox) sandbox;
    }

    @Override
    protected List<String> leftovers() {
        List<String> left = new ArrayList<>();
        TestSandboxes.boxProcesses().forEach(pid -> left.add("box process " + pid));
        try (Stream<java.nio.file.Path> fifos = Files.list(nativeSandbox().pipeDirectory())) {
            fifos.forEach(f -> left.add("FIFO " + f));
        } catch (IOException e) {
            left.add("cannot list the pipes directory: " + e);
        }
        return left;
    }

    @Test
    void aSideThatCannotStartReleasesItsPartnerAtOnce() {
        // a file where a later file needs a directory: the program's helper fails before it forks
        SandboxRequest broken = sh("exit 0", limits()).withFiles(List.of(
                SandboxFile.of("x", new byte[1]), SandboxFile.of("x/y", new byte[1])));
        long start = System.nanoTime();
        PairResult r = sandbox.runPair(broken, sh("read x; exit 42", limits()));
        Duration took = Duration.ofNanos(System.nanoTime() - start);
        assertThat(r.program().termination()).isEqualTo(Termination.SANDBOX_FAILURE);
        assertThat(r.peer().termination()).isIn(Termination.EXITED, Termination.SANDBOX_FAILURE);
        assertThat(took).as("the peer waited for its wall limit").isLessThan(Duration.ofSeconds(5));
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
        assertThat(leftovers()).isEmpty();
        // both boxes serve again
        PairResult next = sandbox.runPair(sh(DOUBLER, limits()), sh(asker(1, 2), limits()));
        assertThat(next.peer().exitCode()).as(next.peer().message()).isEqualTo(42);
    }

    @Test
    void pairsAndSingleRunsShareTwoBoxesWithoutDeadlock() throws Exception {
        // two boxes: two pairs that each held one box while waiting for a second would wait for good
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try (NativeSandbox two = NativeSandbox.builder().slots(2).firstUid(TestSandboxes.firstUid() + 4).build()) {
            List<Future<?>> futures = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                int from = 10 * t;
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        PairResult r = two.runPair(sh(DOUBLER, limits()), sh(asker(from, 2), limits()));
                        assertThat(r.peer().exitCode()).as(r.peer().message()).isEqualTo(42);
                    }
                    return null;
                }));
                futures.add(pool.submit(() -> {
                    for (int i = 0; i < 5; i++) {
                        assertThat(two.run(sh("sleep 0.05", limits())).succeeded()).isTrue();
                    }
                    return null;
                }));
            }
            for (Future<?> f : futures) {
                f.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void eachSideRunsAsItsOwnUid() {
        PairResult r = sandbox.runPair(sh("id -u >&2; read x", limits()), sh("id -u >&2", limits()));
        String programUid = text(r.program().stderr()).trim();
        String peerUid = text(r.peer().stderr()).trim();
        assertThat(programUid).isNotEmpty().isNotEqualTo(peerUid).isNotEqualTo("0");
        assertThat(peerUid).isNotEmpty().isNotEqualTo("0");
    }

    @Test
    void aSingleSlotSandboxRefusesPairsButStillRunsCommands() {
        try (NativeSandbox one = NativeSandbox.builder().slots(1).firstUid(TestSandboxes.firstUid() + 7).build()) {
            assertThatThrownBy(() -> one.runPair(sh("true", limits()), sh("true", limits())))
                    .isInstanceOf(SandboxException.class).hasMessageContaining("two boxes");
            assertThat(one.run(sh("true", limits())).succeeded()).isTrue();
        }
    }

    /** Prints what a trivial pair costs next to a single run of the same command. */
    @Test
    void aTrivialPairCostsAboutTwoRuns() {
        Limits l = limits();
        SandboxRequest trueCmd = SandboxRequest.of(List.of("/bin/true"), l);
        for (int i = 0; i < 5; i++) {
            sandbox.run(trueCmd);
            sandbox.runPair(trueCmd, trueCmd);
        }
        int n = 40;
        long[] single = new long[n];
        long[] pair = new long[n];
        for (int i = 0; i < n; i++) {
            long t0 = System.nanoTime();
            assertThat(sandbox.run(trueCmd).succeeded()).isTrue();
            long t1 = System.nanoTime();
            PairResult r = sandbox.runPair(trueCmd, trueCmd);
            long t2 = System.nanoTime();
            assertThat(r.program().succeeded() && r.peer().succeeded()).isTrue();
            single[i] = t1 - t0;
            pair[i] = t2 - t1;
        }
        Arrays.sort(single);
        Arrays.sort(pair);
        double singleMs = single[n / 2] / 1e6;
        double pairMs = pair[n / 2] / 1e6;
        System.out.printf(java.util.Locale.ROOT, "native pair cost: median single run %.2f ms, median pair %.2f ms"
                + " (%.2fx)%n", singleMs, pairMs, pairMs / singleMs);
        // two boxes work side by side: a pair costs well under two runs in a row plus the FIFOs' set-up
        assertThat(pairMs).isLessThan(singleMs * 4 + 20);
    }

    @Test
    void theProgramsOutputGoesToThePeerAndNotIntoItsResult() {
        PairResult r = sandbox.runPair(sh("echo 3", limits()), sh("read x; [ \"$x\" = 3 ] && exit 42", limits()));
        assertThat(r.peer().exitCode()).as(r.peer().message() + text(r.peer().stderr())).isEqualTo(42);
        assertThat(r.program().stdout()).isEmpty();
        assertThat(r.peer().stdout()).isEmpty();
    }
}
