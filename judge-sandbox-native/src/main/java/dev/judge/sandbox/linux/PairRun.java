package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One pair run: two boxes, each running one command, connected by two FIFOs.
 *
 * <p>The FIFOs are made in the instance's pipes directory, outside both boxes; each box's helper opened that
 * directory before its root hid it, and its child opens its two ends there, as root, before it drops its
 * privileges. FIFOs rather than pipe descriptors handed to the helpers: the helpers talk to the JVM over
 * plain pipes, which cannot carry descriptors, and a FIFO needs nothing but a name in each request. Each child
 * holds only its own two ends, and its helper a write-only copy of the child's stdout end until it has taken the
 * command's end time, so when one command ends (by itself, at a limit or in a crash) the partner gets a broken
 * pipe at once and reads end of file just after that end time: an end caused by the partner's end is always
 * seen second.
 * Both children open the FIFO to the program first and the one to the peer second, so their blocking opens
 * meet; an open whose partner never comes is ended with its run at the wall limit.
 *
 * <p>When one side fails before its command could start (its helper failed, a file could not be written), the
 * other side's child may be blocked in an open that will never meet: the FIFOs are then opened here for a
 * moment and removed, which lets that open through to end of file and broken pipes (or to a missing FIFO, a
 * sandbox failure), so the survivor ends at once instead of at its wall limit.
 *
 * <p>Which command ended first is decided by the helpers' own end times (taken on the host's monotonic clock
 * when each saw its command end, before collecting files and cleaning up, which would blur the order); a side
 * that failed without an end time counts as having ended first, and two such sides by the order their results
 * arrived.
 */
final class PairRun {
    private static final AtomicLong PAIRS = new AtomicLong();

    private final Path toProgram;
    private final Path toPeer;
    private final AtomicInteger arrivals = new AtomicInteger();
    private boolean released;

    private PairRun(Path pipes, String name) {
        this.toProgram = pipes.resolve(name + "-to-program");
        this.toPeer = pipes.resolve(name + "-to-peer");
    }

    /** Runs the two commands in the two boxes; the peer's box is served from {@code executor}. */
    static PairResult run(Path pipes, Box programBox, Box peerBox, SandboxRequest program, SandboxRequest peer,
            ExecutorService executor) {
        PairRun pair = new PairRun(pipes, "pair-" + PAIRS.incrementAndGet());
        try {
            pair.makeFifos();
        } catch (IOException e) {
            pair.removeFifos();
            throw new SandboxException("cannot make the pipes of a pair: " + e.getMessage(), e);
        }
        try {
            Future<Side> peerSide;
            try {
                peerSide = executor.submit(() -> pair.side(peerBox, peer, new Helper.PairEnd(
                        Helper.PairEnd.PEER, pair.toPeer.getFileName().toString(),
                        pair.toProgram.getFileName().toString())));
            } catch (RejectedExecutionException e) {
                throw new SandboxException("the native sandbox is closed", e);
            }
            Side programSide = pair.side(programBox, program, new Helper.PairEnd(Helper.PairEnd.PROGRAM,
                    pair.toProgram.getFileName().toString(), pair.toPeer.getFileName().toString()));
            Side peerOutcome = awaitUninterruptibly(peerSide);
            return new PairResult(programSide.outcome.result(), peerOutcome.outcome.result(),
                    programEndedFirst(programSide, peerOutcome) ? PairResult.Side.PROGRAM : PairResult.Side.PEER);
        } finally {
            pair.removeFifos();
        }
    }

    /** One command's outcome and when its result arrived among the pair's two. */
    private record Side(Box.Outcome outcome, int arrival) {
    }

    private Side side(Box box, SandboxRequest request, Helper.PairEnd end) {
        Box.Outcome outcome = box.run(request, end);
        if (outcome.endedAt().isEmpty()) {
            releasePartner();
        }
        return new Side(outcome, arrivals.incrementAndGet());
    }

    private static boolean programEndedFirst(Side program, Side peer) {
        if (program.outcome.endedAt().isPresent() && peer.outcome.endedAt().isPresent()) {
            return program.outcome.endedAt().getAsLong() <= peer.outcome.endedAt().getAsLong();
        }
        if (program.outcome.endedAt().isPresent() != peer.outcome.endedAt().isPresent()) {
            return program.outcome.endedAt().isEmpty();
        }
        return program.arrival < peer.arrival;
    }

    private void makeFifos() throws IOException {
        for (Path fifo : List.of(toProgram, toPeer)) {
            if (Libc.INSTANCE.mkfifo(fifo.toString(), 0600) != 0) {
                throw new IOException("mkfifo " + fifo + " failed");
            }
        }
    }

    /**
     * Opening a FIFO for reading and writing never blocks on Linux and completes a partner's pending open;
     * once removed, the FIFOs can be opened no more, and closing ends what was let through.
     */
    private synchronized void releasePartner() {
        if (released) {
            return;
        }
        released = true;
        List<FileChannel> held = new ArrayList<>(2);
        try {
            for (Path fifo : List.of(toProgram, toPeer)) {
                try {
                    held.add(FileChannel.open(fifo, StandardOpenOption.READ, StandardOpenOption.WRITE));
                } catch (IOException gone) {
                    // removed already: nothing can wait on it
                }
            }
            removeFifos();
        } finally {
            for (FileChannel c : held) {
                try {
                    c.close();
                } catch (IOException ignored) {
                    // a FIFO's close does not fail
                }
            }
        }
    }

    private void removeFifos() {
        for (Path fifo : List.of(toProgram, toPeer)) {
            try {
                Files.deleteIfExists(fifo);
            } catch (IOException ignored) {
                // the instance directory goes with the sandbox
            }
        }
    }

    private static Side awaitUninterruptibly(Future<Side> future) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return future.get();
                } catch (InterruptedException e) {
                    // the peer's box must come back before the boxes are given back; its run is bounded by limits
                    interrupted = true;
                } catch (ExecutionException e) {
                    throw new SandboxException("the peer's run failed: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
