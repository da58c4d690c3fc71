package dev.judge.sandbox.linux;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * The boxes of one sandbox by id: box {@code i} runs as uid {@code firstUid + i}, so no two boxes share a
 * uid, and with it the per-uid process count and the right to signal each other. A run takes an idle box
 * and gives it back; {@link #take()} waits while every box is busy.
 */
final class BoxPool {
    /** Far above the uids distributions hand out, so no host user or other sandbox is likely to hold them. */
    static final int DEFAULT_FIRST_UID = 1_600_000;

    /** Makes the box of one id (not started yet). */
    interface BoxFactory {
        Box create(int id) throws IOException;
    }

    private final List<Box> boxes;
    private final BlockingQueue<Box> idle;

    private BoxPool(List<Box> boxes) {
        this.boxes = List.copyOf(boxes);
        this.idle = new ArrayBlockingQueue<>(boxes.size(), false, boxes);
    }

    /**
     * Without an explicit first uid each sandbox takes its own block of 256 uids, chosen from the JVM's pid
     * and the sandbox's number, so that boxes of other sandboxes (in this JVM or another) do not share a uid.
     */
    static int defaultFirstUid(long pid, int number) {
        return DEFAULT_FIRST_UID + (int) (((pid % 4096) * 64 + number % 64) * 256);
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

    /** An idle box, waiting for one while all are busy. */
    Box take() throws InterruptedException {
        return idle.take();
    }

    /** Returns a box taken with {@link #take()}. */
    void giveBack(Box box) {
        idle.add(box);
    }

    /** Stops every box's helper, killing runs in progress. */
    void destroy() {
        boxes.forEach(Box::destroy);
    }
}
