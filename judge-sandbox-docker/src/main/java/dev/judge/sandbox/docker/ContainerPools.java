package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.SandboxException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The warm pool of each image, and the two background threads that create and remove their containers.
 * Each pool takes its own {@code poolSize} user ids of the sandbox's {@link UidLease}, so no two containers
 * ever share one.
 */
final class ContainerPools {
    private final Engine engine;
    private final Settings settings;
    private final ExecutorService background;
    private final Map<String, ContainerPool> pools = new ConcurrentHashMap<>();
    private final UidLease uids;
    private final Iterator<Integer> freeUids;
    /** Held by the one pair that may keep a container while it waits for its second. */
    private final ReentrantLock pairAcquisition = new ReentrantLock(true);

    /** Starts warming the default image's pool and every profile image's. */
    ContainerPools(Engine engine, Settings settings, UidLease uids) {
        this.engine = engine;
        this.settings = settings;
        this.uids = uids;
        this.freeUids = uids.boxUids().iterator();
        this.background = Executors.newFixedThreadPool(2, r -> {
            Thread t = new Thread(r, "judge-docker-pool");
            t.setDaemon(true);
            return t;
        });
        forImage(settings.defaultImage());
        settings.profileImages().values().forEach(this::forImage);
    }

    /** The pool of the image a request's profile runs in. */
    ContainerPool forProfile(String profile) {
        return forImage(settings.imageFor(profile));
    }

    /**
     * Takes a container of each pool (the same pool twice gives two containers) for the two sides of a pair.
     * Pairs take their containers one pair at a time: a pair holding one container while waiting for its
     * second is then the only waiter that holds anything, and single runs hold a container only while they
     * run, so the container it waits for comes back; two pairs each holding one container of a full pool and
     * waiting for the other's cannot happen.
     *
     * @throws SandboxException when a pool cannot give two containers, or none comes within the acquire timeout
     */
    WarmContainer[] acquirePair(ContainerPool programPool, ContainerPool peerPool) throws InterruptedException {
        if (programPool == peerPool && settings.poolSize() < 2) {
            throw new SandboxException("a pair needs two warm containers of one image; poolSize is "
                    + settings.poolSize());
        }
        if (!pairAcquisition.tryLock(settings.acquireTimeout().toNanos(), TimeUnit.NANOSECONDS)) {
            throw new SandboxException("no two warm containers for a pair within " + settings.acquireTimeout());
        }
        try {
            WarmContainer first = programPool.acquire();
            try {
                return new WarmContainer[] {first, peerPool.acquire()};
            } catch (RuntimeException | InterruptedException e) {
                programPool.release(first, false);
                throw e;
            }
        } finally {
            pairAcquisition.unlock();
        }
    }

    private ContainerPool forImage(String image) {
        return pools.computeIfAbsent(image, img -> {
            List<Integer> uids = new ArrayList<>();
            for (int i = 0; i < settings.poolSize(); i++) {
                uids.add(freeUids.next());
            }
            return new ContainerPool(engine, settings, img, this.uids.runnerUid(), uids, background);
        });
    }

    /** Removes every container of every pool and stops the background threads (waiting for them a while). */
    void close() {
        pools.values().forEach(ContainerPool::close);
        background.shutdown();
        try {
            if (!background.awaitTermination(30, TimeUnit.SECONDS)) {
                background.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
