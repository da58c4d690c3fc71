package dev.judge.internal;

/**
 * Lets claimers sleep until something may have become claimable. A generation counter avoids the lost
 * wake-up between an empty claim and the wait that follows it.
 * Internal to the starter.
 */
public final class Wakeup {
    private long generation;

    public synchronized long generation() {
        return generation;
    }

    public synchronized void signal() {
        generation++;
        notifyAll();
    }

    /** Waits up to {@code millis} unless a signal came after {@code seen} was read. */
    public synchronized void await(long seen, long millis) throws InterruptedException {
        long deadline = System.nanoTime() + millis * 1_000_000L;
        while (generation == seen) {
            long left = (deadline - System.nanoTime()) / 1_000_000L;
            if (left <= 0) {
                return;
            }
            wait(left);
        }
    }
}
