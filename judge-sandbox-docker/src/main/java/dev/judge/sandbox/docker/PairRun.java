package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Two connected runs ({@link dev.judge.core.sandbox.Sandbox#runPair}), one warm container per side.
 *
 * <p>Why two containers: each side then has everything a run has on its own, its own user id, work dir,
 * memory cgroup, CPU quota, pid namespace and counters. Both commands in one container under two user ids
 * would share the container's memory limit and CPU counter and see each other's processes. The price is a
 * second container held for the pair, and a host folder ({@link PairFifos}) bound into every container,
 * because a running container cannot be given a new mount.
 *
 * <p>The sandbox takes both containers ({@link ContainerPools#acquirePair}), makes the pair's two FIFOs and
 * sends each runner its request naming them; the runners meet at the FIFOs (the one towards the peer first)
 * and start their commands. Each command's ends are held by it alone, but for a write-only copy of its stdout
 * end that its runner keeps until it has reaped the command, so when one side ends, at its exit or at one of its
 * limits, the other gets SIGPIPE at once and reads end of file just after that side's end was taken (an end
 * caused by the partner's is always seen second); a deadlock ends at the wall time limits.
 * Which side ended first comes from the runners' clocks (the machine's monotonic clock, shared by the
 * containers) at the moment each reaped its command; when a runner did not say, the order in which the
 * answers arrived. The FIFOs are removed and the containers given back, retired on the same conditions as
 * after a single run.
 */
final class PairRun {
    private static final Logger LOG = LoggerFactory.getLogger(PairRun.class);
    /** The runners' own time to meet at the FIFOs (RENDEZVOUS_S in runner.c). */
    static final Duration RENDEZVOUS = Duration.ofSeconds(10);

    private PairRun() {
    }

    static PairResult run(Engine engine, ContainerPools pools, PairFifos fifos, SandboxRequest program,
            SandboxRequest peer) {
        ContainerPool programPool = pools.forProfile(program.profile());
        ContainerPool peerPool = pools.forProfile(peer.profile());
        WarmContainer[] both;
        try {
            both = pools.acquirePair(programPool, peerPool);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for two warm containers", e);
        }
        WarmContainer p = both[0];
        WarmContainer q = both[1];
        RunOutcome programOutcome = null;
        RunOutcome peerOutcome = null;
        try (PairFifos.Fifos pair = fifos.open()) {
            ContainerRun.setMemory(engine, p, program.limits());
            ContainerRun.setMemory(engine, q, peer.limits());
            byte[] programRequest = RunnerProtocol.encode(program, ContainerRun.environment(program), pair.programEnds());
            byte[] peerRequest = RunnerProtocol.encode(peer, ContainerRun.environment(peer), pair.peerEnds());
            Duration margin = ContainerRun.EXEC_MARGIN.plus(RENDEZVOUS);
            Duration wall = program.limits().wallTime().compareTo(peer.limits().wallTime()) >= 0
                    ? program.limits().wallTime() : peer.limits().wallTime();
            long started = System.nanoTime();
            long deadline = started + wall.plus(margin).toNanos();
            p.channel.send(programRequest);
            q.channel.send(peerRequest);
            RunnerChannel.Exchange programExchange = p.channel.await(deadline);
            RunnerChannel.Exchange peerExchange = q.channel.await(deadline);
            programOutcome = ContainerRun.interpret(engine, p, program, programExchange, started, margin);
            peerOutcome = ContainerRun.interpret(engine, q, peer, peerExchange, started, margin);
            return new PairResult(programOutcome.result(), peerOutcome.result(),
                    endedFirst(programOutcome, programExchange, peerOutcome, peerExchange));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running a pair", e);
        } catch (RuntimeException e) {
            LOG.warn("pair failed in containers {} and {}: {}", p.id, q.id, e.toString());
            SandboxResult failure = SandboxResult.failure("Docker sandbox failure: " + e.getMessage());
            return new PairResult(programOutcome == null ? failure : programOutcome.result(),
                    peerOutcome == null ? failure : peerOutcome.result(),
                    programOutcome == null && peerOutcome != null ? PairResult.Side.PEER : PairResult.Side.PROGRAM);
        } finally {
            programPool.release(p, programOutcome == null || programOutcome.recycle());
            peerPool.release(q, peerOutcome == null || peerOutcome.recycle());
        }
    }

    private static PairResult.Side endedFirst(RunOutcome program, RunnerChannel.Exchange programExchange,
            RunOutcome peer, RunnerChannel.Exchange peerExchange) {
        if (program.endedAtMicros() > 0 && peer.endedAtMicros() > 0) {
            return program.endedAtMicros() <= peer.endedAtMicros() ? PairResult.Side.PROGRAM : PairResult.Side.PEER;
        }
        return programExchange.arrivedAt() <= peerExchange.arrivedAt() ? PairResult.Side.PROGRAM : PairResult.Side.PEER;
    }
}
