package dev.judge.sandbox.linux;

import java.io.IOException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The boxes of one sandbox by id: box {@code i} runs as uid {@code firstUid + i}, so no two boxes share a
 * uid, and with it the per-uid process count and the right to signal each other. A run takes an idle box
 * and gives it back; {@link #take(int)} waits while too few boxes are idle.
 *
 * <p>A pair takes its two boxes at once and callers are served in arrival order: a pair holding one box
 * while it waits for a second could deadlock with another pair doing the same, and a pair waiting for two
 * idle boxes could starve behind single runs that each need only one.
 */
final class BoxPool {
    /** Far above the uids distributions hand out, so no host user or other sandbox is likely to hold them. */
    static final int DEFAULT_FIRST_UID = 1_600_000;
    /** Default blocks of 256 uids: 4096 pids times 64 sandboxes of a JVM. */
    static final int DEFAULT_BLOCKS = 4096 * 64;

    /** Makes the box of one id (not started yet). */
    interface BoxFactory {
        Box create(int id) throws IOException;
    }

    private final List<Box> boxes;
    private final ReentrantLock lock = new ReentrantLock();
    private final Condition changed = lock.newCondition();
    /** Guarded by {@link #lock}. */
    private final Deque<Box> idle;
    /** Callers waiting for boxes, first come first served; guarded by {@link #lock}. */
    private final Deque<Object> waiting = new ArrayDeque<>();

    private BoxPool(List<Box> boxes) {
        this.boxes = List.copyOf(boxes);
        this.idle = new ArrayDeque<>(boxes);
    }

    /** Every box, by id. */
    List<Box> all() {
        return boxes;
    }

    /** How many boxes the pool has. */
    int size() {
        return boxes.size();
    }

    /**
     * Without an explicit first uid each sandbox takes its own block of 256 uids, chosen from the JVM's pid
     * and the sandbox's number, so that boxes of other sandboxes (in this JVM or another) do not share a uid.
     */
    static int defaultFirstUid(long pid, int number) {
        return defaultFirstUid(pid, number, 0);
    }

    /**
     * The block to try after {@code attempt} blocks were found taken (see {@link BoxIds}): the next one, round
     * the {@value #DEFAULT_BLOCKS} default blocks.
     */
    static int defaultFirstUid(long pid, int number, int attempt) {
        long block = Math.floorMod((pid % 4096) * 64 + number % 64 + attempt, (long) DEFAULT_BLOCKS);
        return DEFAULT_FIRST_UID + (int) (block * 256);
    }

    /** Makes and starts boxes {@code 0..count-1}; when one fails, those made so far are stopped again. */
    static BoxPool start(int count, BoxFactory factory) throws IOException {
        List<Box> boxes = new ArrayList<>(count);
        try {
            for (int id = 0; id < count; id++) {
                Box box = factory.create(id);
                boxes.add(box);
                box.start();
            }
        } catch (IOException | RuntimeException e) {
            boxes.forEach(Box::destroy);
            throw e;
        }
        return new BoxPool(boxes);
    }

    /**
     * {@code n} idle boxes, taken together once every earlier caller has been served and {@code n} are idle.
     *
     * @throws IllegalArgumentException when the pool has fewer than {@code n} boxes
     */
    List<Box> take(int n) throws InterruptedException {
        if (n < 1 || n > boxes.size()) {
            throw new IllegalArgumentException("cannot take " + n + " of " + boxes.size() + " boxes");
        }
        Object me = new Object();
        lock.lock();
        try {
            waiting.addLast(me);
            try {
                while (waiting.peekFirst() != me || idle.size() < n) {
                    changed.await();
                }
            } finally {
                // served or interrupted, the next caller may be next now
                waiting.remove(me);
                changed.signalAll();
            }
            List<Box> taken = new ArrayList<>(n);
            for (int i = 0; i < n; i++) {
                taken.add(idle.removeFirst());
            }
            return taken;
        } finally {
            lock.unlock();
        }
    }

    /** Returns boxes taken with {@link #take(int)}. */
    void giveBack(List<Box> taken) {
        lock.lock();
        try {
            idle.addAll(taken);
            changed.signalAll();
        } finally {
            lock.unlock();
        }
    }

    /** Stops every box's helper, killing runs in progress. */
    void destroy() {
        boxes.forEach(Box::destroy);
    }
}
