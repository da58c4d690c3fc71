package dev.judge.core.queue;

import dev.judge.core.model.Priority;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

// One lock guards all state. Visible jobs sit in per-priority, per-language lanes ordered by arrival; leased jobs
// and jobs waiting out a backoff sit in timers, ordered by when they come due. Timers are moved lazily by
// whoever takes the lock next, and a waiting claimer sleeps no longer than the next timer, so no thread polls and
// no background thread is needed.
final class InMemoryJobQueue implements JobQueue {
    static final int DEAD_LETTERS_KEPT = 10_000;

    private enum State { READY, DELAYED, LEASED }

    private static final class Entry {
        final JudgeJob job;
        final long seq;
        State state = State.READY;
        int attempts;
        String leaseId;
        long dueNanos;

        Entry(JudgeJob job, long seq) {
            this.job = job;
            this.seq = seq;
        }
    }

    private final QueuePolicy policy;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    private final Map<String, Entry> byId = new HashMap<>();
    private final EnumMap<Priority, Map<String, TreeMap<Long, Entry>>> lanes = new EnumMap<>(Priority.class);
    private final TreeSet<Entry> timers = new TreeSet<>(
            Comparator.<Entry>comparingLong(e -> e.dueNanos).thenComparingLong(e -> e.seq));
    private final ArrayDeque<DeadLetter> dead = new ArrayDeque<>();
    private long nextSeq;
    private boolean closed;

    InMemoryJobQueue(QueuePolicy policy) {
        this.policy = Objects.requireNonNull(policy, "policy");
        for (Priority p : Priority.values()) {
            lanes.put(p, new HashMap<>());
        }
    }

    @Override
    public void enqueue(JudgeJob job) {
        Objects.requireNonNull(job, "job");
        lock.lock();
        try {
            ensureOpen();
            if (byId.containsKey(job.id())) {
                return;
            }
            Entry e = new Entry(job, nextSeq++);
            byId.put(job.id(), e);
            makeReady(e);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Optional<ClaimedJob> claim(Set<String> languages, Duration maxWait) throws InterruptedException {
        Objects.requireNonNull(languages, "languages");
        Objects.requireNonNull(maxWait, "maxWait");
        if (maxWait.isNegative()) {
            throw new IllegalArgumentException("maxWait must not be negative, was " + maxWait);
        }
        long deadline = System.nanoTime() + saturatedNanos(maxWait);
        lock.lockInterruptibly();
        try {
            while (true) {
                ensureOpen();
                long now = System.nanoTime();
                promoteDue(now);
                Entry e = firstReady(languages);
                if (e != null) {
                    return Optional.of(lease(e, now));
                }
                long wait = deadline - now;
                if (wait <= 0) {
                    return Optional.empty();
                }
                if (!timers.isEmpty()) {
                    // Wake when the next lease ends or backoff is over: that job may be ours.
                    wait = Math.min(wait, Math.max(1, timers.first().dueNanos - now));
                }
                changed.awaitNanos(wait);
            }
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean ack(ClaimedJob claimed) {
        Objects.requireNonNull(claimed, "claimed");
        lock.lock();
        try {
            Entry e = leased(claimed);
            if (e == null) {
                return false;
            }
            timers.remove(e);
            byId.remove(e.job.id());
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean release(ClaimedJob claimed, String reason) {
        Objects.requireNonNull(claimed, "claimed");
        lock.lock();
        try {
            Entry e = leased(claimed);
            if (e == null) {
                return false;
            }
            timers.remove(e);
            e.leaseId = null;
            if (e.attempts >= policy.maxAttempts()) {
                bury(e, reason);
                return true;
            }
            Duration backoff = policy.backoff(e.attempts);
            if (backoff.isZero()) {
                makeReady(e);
            } else {
                e.state = State.DELAYED;
                e.dueNanos = System.nanoTime() + saturatedNanos(backoff);
                timers.add(e);
            }
            changed.signalAll();
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean extend(ClaimedJob claimed) {
        Objects.requireNonNull(claimed, "claimed");
        lock.lock();
        try {
            Entry e = leased(claimed);
            if (e == null) {
                return false;
            }
            timers.remove(e);
            e.dueNanos = System.nanoTime() + saturatedNanos(policy.visibilityTimeout());
            timers.add(e);
            return true;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public long depth() {
        lock.lock();
        try {
            // Leases that ended on a last attempt are dead, not waiting.
            promoteDue(System.nanoTime());
            return byId.size();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public boolean discardDeadLetter(String jobId) {
        Objects.requireNonNull(jobId, "jobId");
        lock.lock();
        try {
            return dead.removeIf(d -> d.job().id().equals(jobId));
        } finally {
            lock.unlock();
        }
    }

    @Override
    public List<DeadLetter> deadLetters(int limit) {
        if (limit < 0) {
            throw new IllegalArgumentException("limit must be >= 0, was " + limit);
        }
        lock.lock();
        try {
            promoteDue(System.nanoTime());
            List<DeadLetter> out = new ArrayList<>(Math.min(limit, dead.size()));
            for (DeadLetter d : dead) {
                if (out.size() >= limit) {
                    break;
                }
                out.add(d);
            }
            return out;
        } finally {
            lock.unlock();
        }
    }

    @Override
    public QueuePolicy policy() {
        return policy;
    }

    @Override
    public void close() {
        lock.lock();
        try {
            closed = true;
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    private void ensureOpen() {
        if (closed) {
            throw new QueueException("the queue is closed", false);
        }
    }

    // The entry still leased under this claim, or null when the lease is stale.
    private Entry leased(ClaimedJob claimed) {
        Entry e = byId.get(claimed.job().id());
        if (e == null || e.state != State.LEASED || !claimed.leaseId().equals(e.leaseId)) {
            return null;
        }
        return e;
    }

    private void promoteDue(long now) {
        while (!timers.isEmpty() && timers.first().dueNanos - now <= 0) {
            Entry e = timers.pollFirst();
            if (e.state == State.LEASED) {
                e.leaseId = null;
                if (e.attempts >= policy.maxAttempts()) {
                    bury(e, "lease expired on attempt " + e.attempts + " without ack or release");
                    continue;
                }
            }
            makeReady(e);
        }
    }

    private Entry firstReady(Set<String> languages) {
        for (Priority p : Priority.values()) {
            Map<String, TreeMap<Long, Entry>> lane = lanes.get(p);
            Entry best = null;
            if (languages.isEmpty()) {
                for (TreeMap<Long, Entry> l : lane.values()) {
                    best = older(best, l);
                }
            } else {
                for (String language : languages) {
                    best = older(best, lane.get(language));
                }
            }
            if (best != null) {
                return best;
            }
        }
        return null;
    }

    private static Entry older(Entry best, TreeMap<Long, Entry> lane) {
        if (lane == null || lane.isEmpty()) {
            return best;
        }
        Entry first = lane.firstEntry().getValue();
        return best == null || first.seq < best.seq ? first : best;
    }

    private ClaimedJob lease(Entry e, long now) {
        Map<String, TreeMap<Long, Entry>> lane = lanes.get(e.job.priority());
        TreeMap<Long, Entry> byLanguage = lane.get(e.job.languageId());
        byLanguage.remove(e.seq);
        if (byLanguage.isEmpty()) {
            lane.remove(e.job.languageId());
        }
        e.state = State.LEASED;
        e.attempts++;
        e.leaseId = UUID.randomUUID().toString();
        e.dueNanos = now + saturatedNanos(policy.visibilityTimeout());
        timers.add(e);
        return new ClaimedJob(e.job, e.leaseId, e.attempts, Instant.now().plus(policy.visibilityTimeout()));
    }

    private void makeReady(Entry e) {
        e.state = State.READY;
        lanes.get(e.job.priority()).computeIfAbsent(e.job.languageId(), k -> new TreeMap<>()).put(e.seq, e);
    }

    private void bury(Entry e, String reason) {
        byId.remove(e.job.id());
        dead.addFirst(new DeadLetter(e.job, e.attempts, reason, Instant.now()));
        if (dead.size() > DEAD_LETTERS_KEPT) {
            dead.removeLast();
        }
    }

    private static long saturatedNanos(Duration d) {
        try {
            return d.toNanos();
        } catch (ArithmeticException tooLong) {
            return Long.MAX_VALUE / 4;
        }
    }
}
