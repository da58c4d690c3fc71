package dev.judge.core.queue;

/** Factories of the job queues that ship with the core. */
public final class JobQueues {
    private JobQueues() {
    }

    /** An in-memory queue with {@link QueuePolicy#defaults()}. */
    public static JobQueue inMemory() {
        return inMemory(QueuePolicy.defaults());
    }

    /**
     * A queue in this JVM's memory: fast, shared by nothing else, lost on exit. Claims wait without polling and
     * wake as soon as a job becomes visible. The newest 10,000 dead letters are kept.
     */
    public static JobQueue inMemory(QueuePolicy policy) {
        return new InMemoryJobQueue(policy);
    }
}
