package dev.judge.core.worker;

import dev.judge.core.queue.ClaimedJob;
import java.util.function.BooleanSupplier;

/**
 * One of the worker's claiming threads and the job it holds, guarded by its monitor against a concurrent
 * {@link Worker#close()}: close interrupts a thread that waits in a claim, and takes back a job whose judging
 * outlives the drain unless the thread is already writing the job's end.
 */
final class ClaimingThread {
    private final BooleanSupplier stopping;
    Thread thread;
    private boolean claiming;
    private ClaimedJob current;
    private boolean abandoned;
    private boolean finishing;
    private boolean closedOut;

    ClaimingThread(BooleanSupplier stopping) {
        this.stopping = stopping;
    }

    synchronized boolean beginClaim() {
        if (stopping.getAsBoolean()) {
            return false;
        }
        claiming = true;
        return true;
    }

    synchronized void endClaim() {
        claiming = false;
        Thread.interrupted(); // close() may have interrupted just as the claim returned
    }

    synchronized void interruptIfClaiming() {
        if (claiming) {
            thread.interrupt();
        }
    }

    // Takes a claimed job on, unless close() is already past its drain.
    synchronized boolean begin(ClaimedJob c) {
        if (closedOut) {
            return false;
        }
        current = c;
        abandoned = false;
        finishing = false;
        return true;
    }

    // Whether this thread still owns the job and may write its end; after this close() leaves it be.
    synchronized boolean finishing() {
        if (abandoned) {
            return false;
        }
        finishing = true;
        return true;
    }

    synchronized void end() {
        current = null;
    }

    // The job to give back, unless its thread is already writing the job's end.
    synchronized ClaimedJob abandon() {
        closedOut = true;
        if (current == null || finishing) {
            return null;
        }
        abandoned = true;
        return current;
    }
}
