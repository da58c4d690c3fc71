package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.SandboxException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The user ids one sandbox holds, each its own for as long as the sandbox lives: the first for the runners of
 * its containers, the rest one per warm container for the runs.
 *
 * <p>Why: process counts ({@code RLIMIT_NPROC}) and other per-user figures are kept per user id by the
 * machine's kernel, across every container. Two sandboxes whose runs shared an id would share them, so one
 * run at its process limit would leave the other sandbox's runs unable to start a process.
 *
 * <p>The rule: id {@code n} is held by an exclusive lock on {@code <lock folder>/uid-<n>.lock}; a sandbox
 * takes the lowest ids from its uid base on whose lock it gets, and lets them go when it closes (the
 * operating system lets them go when the process ends). So sandboxes on one machine that share the lock
 * folder never share an id, whether they live in one process or several; sandboxes on different machines
 * that share one engine need different uid bases.
 */
final class UidLease implements AutoCloseable {
    private final List<FileLock> locks;
    private final List<Integer> uids;

    private UidLease(List<FileLock> locks, List<Integer> uids) {
        this.locks = locks;
        this.uids = List.copyOf(uids);
    }

    /**
     * Takes {@code count} ids in {@code [base, base + range)}.
     *
     * @throws SandboxException when fewer than {@code count} ids of the range are free
     */
    static UidLease acquire(Path folder, int base, int range, int count) {
        if (count < 1 || count > range) {
            throw new IllegalArgumentException("count must be between 1 and " + range + ", was " + count);
        }
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder of the user id locks " + folder, e);
        }
        List<FileLock> locks = new ArrayList<>();
        List<Integer> uids = new ArrayList<>();
        try {
            for (int uid = base; uid < base + range && uids.size() < count; uid++) {
                FileLock lock = tryLock(folder.resolve("uid-" + uid + ".lock"));
                if (lock != null) {
                    locks.add(lock);
                    uids.add(uid);
                }
            }
        } catch (RuntimeException e) {
            release(locks);
            throw e;
        }
        if (uids.size() < count) {
            release(locks);
            throw new SandboxException("no " + count + " free user ids from " + base + " to " + (base + range - 1)
                    + " (other sandboxes hold them; see the locks in " + folder + ")");
        }
        return new UidLease(locks, uids);
    }

    /** The lock, or null when another sandbox (in this process or another) holds it. */
    private static FileLock tryLock(Path file) {
        FileChannel channel = null;
        try {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
            FileLock lock = channel.tryLock();
            if (lock == null) {
                channel.close();
            }
            return lock;
        } catch (OverlappingFileLockException e) {
            closeQuietly(channel);
            return null;
        } catch (IOException e) {
            closeQuietly(channel);
            throw new UncheckedIOException("cannot lock " + file, e);
        }
    }

    /** The id of every runner of the sandbox. */
    int runnerUid() {
        return uids.get(0);
    }

    /** The ids for the runs, one per warm container. */
    List<Integer> boxUids() {
        return uids.subList(1, uids.size());
    }

    @Override
    public void close() {
        release(locks);
    }

    private static void release(List<FileLock> locks) {
        for (FileLock lock : locks) {
            closeQuietly(lock.channel());
        }
        locks.clear();
    }

    private static void closeQuietly(FileChannel channel) {
        if (channel != null) {
            try {
                channel.close();
            } catch (IOException e) {
                // the lock goes with the channel either way
            }
        }
    }
}
