package dev.judge.sandbox.docker;

/**
 * One started container of a pool, its runner attached, ready for a run; used by one run at a time. Its
 * user id stays with the pool: a replacement gets the same one.
 */
final class WarmContainer {
    final String id;
    final int uid;
    final RunnerChannel channel;
    /** The container's memory limit now; a run asking for another one updates it first. */
    long memory;
    /** Runs served so far; the pool replaces the container after the configured number. */
    int runs;

    WarmContainer(String id, int uid, long memory, RunnerChannel channel) {
        this.id = id;
        this.uid = uid;
        this.memory = memory;
        this.channel = channel;
    }
}
