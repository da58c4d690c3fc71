package dev.judge.demo.groupcommit;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A group commit: callers hand in items and block; a writer thread takes every item waiting at that moment
 * (up to a batch size) and writes them together, in one transaction of the {@link Writer}, then answers each
 * caller. Items that arrive while a batch is written form the next batch, so under load a commit is shared by
 * many callers and with a single caller nothing waits for company. With several writer threads, batches are
 * written side by side (each in its own transaction): a store whose statements and commits wait on the network
 * (PostgreSQL, Redis) then keeps several round trips in flight instead of one.
 *
 * <p>A caller returns only after its batch is written: a value means its item is stored. When the writer fails,
 * every caller of that batch gets a {@link GroupCommitException}; nothing of the batch is stored (the writer's
 * transaction rolled back). An item the writer refuses on its own (bad input found before anything is written)
 * fails only its caller, with the writer's exception.
 *
 * @param <T> what callers hand in
 * @param <R> what each caller gets back
 */
public final class GroupCommit<T, R> implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupCommit.class);

    /** Writes a batch all or nothing; returns one outcome per item, in order. */
    @FunctionalInterface
    public interface Writer<T, R> {
        List<Outcome<R>> write(List<T> items);
    }

    /** What became of one item of a written batch: its value, or the refusal its caller gets. */
    public record Outcome<R>(R value, RuntimeException refusal) {
        public static <R> Outcome<R> of(R value) {
            return new Outcome<>(value, null);
        }

        public static <R> Outcome<R> refused(RuntimeException refusal) {
            return new Outcome<>(null, Objects.requireNonNull(refusal, "refusal"));
        }
    }

    private record Pending<T, R>(T item, CompletableFuture<R> answer) {
    }

    private final Pending<T, R> stop = new Pending<>(null, null);
    private final LinkedBlockingQueue<Pending<T, R>> waiting = new LinkedBlockingQueue<>();
    private final int batchSize;
    private final Writer<T, R> writer;
    private final List<Thread> threads;
    private boolean closed;

    /** One writer thread. */
    public GroupCommit(String name, int batchSize, Writer<T, R> writer) {
        this(name, batchSize, 1, writer);
    }

    public GroupCommit(String name, int batchSize, int writers, Writer<T, R> writer) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batchSize must be at least 1, was " + batchSize);
        }
        if (writers < 1) {
            throw new IllegalArgumentException("writers must be at least 1, was " + writers);
        }
        this.batchSize = batchSize;
        this.writer = Objects.requireNonNull(writer, "writer");
        List<Thread> started = new ArrayList<>(writers);
        for (int i = 0; i < writers; i++) {
            Thread t = new Thread(this::run, writers == 1 ? name : name + "-" + (i + 1));
            t.start();
            started.add(t);
        }
        this.threads = List.copyOf(started);
    }

    /**
     * Hands in one item and waits until its batch is written.
     *
     * @throws GroupCommitException when the batch could not be written (nothing of it is stored), or when the
     *                              group commit is closed
     */
    public R submit(T item) {
        Objects.requireNonNull(item, "item");
        CompletableFuture<R> answer = new CompletableFuture<>();
        synchronized (this) {
            if (closed) {
                throw new GroupCommitException("not stored: the server is shutting down", null);
            }
            waiting.add(new Pending<>(item, answer));
        }
        return await(answer);
    }

    /** Stops taking items; those already handed in are still written. Waits for the writers to finish. */
    @Override
    public void close() {
        synchronized (this) {
            if (closed) {
                return;
            }
            closed = true;
            waiting.add(stop); // behind every item handed in; each writer passes it on to the next as it stops
        }
        try {
            for (Thread t : threads) {
                t.join();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static <R> R await(CompletableFuture<R> answer) {
        // The write cannot be called off once handed in, so the caller waits for its answer even when interrupted.
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return answer.get();
                } catch (InterruptedException e) {
                    interrupted = true;
                } catch (ExecutionException e) {
                    if (e.getCause() instanceof RuntimeException r) {
                        throw r;
                    }
                    throw new GroupCommitException("not stored: " + e.getCause(), e.getCause());
                }
            }
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    private void run() {
        List<Pending<T, R>> batch = new ArrayList<>(batchSize);
        boolean stopping = false;
        while (!stopping) {
            try {
                batch.add(waiting.take());
            } catch (InterruptedException e) {
                continue; // only close() ends the writer, after the last item handed in
            }
            waiting.drainTo(batch, batchSize - 1);
            stopping = batch.remove(stop);
            if (!batch.isEmpty()) {
                write(batch);
            }
            batch.clear();
        }
        waiting.add(stop); // for the other writers: nothing was handed in after it
    }

    private void write(List<Pending<T, R>> batch) {
        List<T> items = batch.stream().map(Pending::item).toList();
        List<Outcome<R>> outcomes;
        try {
            outcomes = writer.write(items);
            if (outcomes == null || outcomes.size() != items.size()) {
                throw new IllegalStateException("the writer answered " + (outcomes == null ? "null" : outcomes.size()
                        + " outcomes") + " for " + items.size() + " items");
            }
        } catch (Throwable e) {
            log.warn("group commit of {} items failed; each of their callers gets an error", items.size(), e);
            GroupCommitException failure = new GroupCommitException("not stored: the batch of " + items.size()
                    + " it was written with failed (" + e.getClass().getSimpleName() + ": " + e.getMessage() + ")", e);
            batch.forEach(p -> p.answer().completeExceptionally(failure));
            return;
        }
        for (int i = 0; i < batch.size(); i++) {
            Outcome<R> o = outcomes.get(i);
            if (o.refusal() != null) {
                batch.get(i).answer().completeExceptionally(o.refusal());
            } else {
                batch.get(i).answer().complete(o.value());
            }
        }
    }
}
