package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A sandbox's hold on the host ids its boxes run as: a lock on the byte range {@code [first, first + count)}
 * of a lock file in the state directory, which every sandbox sharing that directory (every root judge on the
 * host by default, every judge of one user when rootless) takes before it starts its boxes. Two sandboxes in
 * one JVM, or in two, can therefore never share a box id, and with it the right to signal each other's
 * processes or the per-uid process count. The kernel drops the lock when the JVM dies, so a killed judge
 * leaves nothing to clean up.
 */
final class BoxIdLease implements AutoCloseable {
    /** The lock file of box uids (and, as root, gids: a box's gid is its uid). */
    static final String UIDS = "box-uids.lock";
    /** The lock file of a rootless sandbox's host gids, which come from a range of their own. */
    static final String GIDS = "box-gids.lock";
    /**
     * One channel per lock file for the JVM's life: POSIX record locks belong to the process, and closing
     * any descriptor of the file would drop every lock this JVM holds on it.
     */
    private static final Map<Path, FileChannel> CHANNELS = new ConcurrentHashMap<>();

    private final FileLock lock;
    private final long first;
    private final int count;

    private BoxIdLease(FileLock lock, long first, int count) {
        this.lock = lock;
        this.first = first;
        this.count = count;
    }

    /**
     * Takes ids {@code first..first+count-1} in the lock file {@code lockFile}, or returns {@code null}
     * when a live sandbox (of this JVM or another) holds any of them.
     */
    static BoxIdLease tryTake(Path lockFile, long first, int count) throws IOException {
        if (first < 0 || count < 1) {
            throw new IllegalArgumentException("bad id range " + first + "+" + count);
        }
        FileChannel channel = channel(lockFile);
        try {
            FileLock lock = channel.tryLock(first, count, false);
            return lock == null ? null : new BoxIdLease(lock, first, count);
        } catch (OverlappingFileLockException heldInThisJvm) {
            return null;
        }
    }

    private static FileChannel channel(Path file) throws IOException {
        try {
            return CHANNELS.computeIfAbsent(file.toAbsolutePath().normalize(), f -> {
                try {
                    return FileChannel.open(f, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            });
        } catch (java.io.UncheckedIOException e) {
            throw e.getCause();
        }
    }

    long first() {
        return first;
    }

    int count() {
        return count;
    }

    /** Gives the ids back; never throws. */
    @Override
    public void close() {
        try {
            lock.release();
        } catch (IOException ignored) {
            // the channel stays open for the JVM's life, so release cannot really fail
        }
    }
}
