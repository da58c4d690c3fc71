package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.SandboxException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warm containers of one image, one per user id of the pool's block: a replacement reuses the id of the
 * container it replaces, so per-user limits (processes) never mix two containers. The runners of all of them
 * share one more id, the sandbox's runner id, which no run has.
 */
final class ContainerPool {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerPool.class);
    private static final long INITIAL_MEMORY = 256L * 1024 * 1024;

    private final Engine engine;
    private final Settings settings;
    private final String image;
    private final int runnerUid;
    private final ExecutorService background;
    private final BlockingQueue<WarmContainer> idle = new LinkedBlockingQueue<>();
    private final Set<WarmContainer> live = ConcurrentHashMap.newKeySet();
    private volatile RuntimeException lastFailure;
    private volatile boolean closed;

    ContainerPool(Engine engine, Settings settings, String image, int runnerUid, List<Integer> uids,
            ExecutorService background) {
        this.engine = engine;
        this.settings = settings;
        this.image = image;
        this.runnerUid = runnerUid;
        this.background = background;
        for (int uid : uids) {
            replenish(uid, Duration.ZERO);
        }
    }

    /** Takes an idle warm container, waiting for one up to the configured time. */
    WarmContainer acquire() throws InterruptedException {
        long deadline = System.nanoTime() + settings.acquireTimeout().toNanos();
        while (true) {
            if (closed) {
                throw new SandboxException("the Docker sandbox is closed");
            }
            WarmContainer w = idle.poll(100, TimeUnit.MILLISECONDS);
            if (w != null && w.channel.isOpen()) {
                return w;
            }
            if (w != null) {
                // The container died while idle (killed from outside, engine restarted): replace it.
                LOG.warn("warm container {} of image {} is gone; replacing it", w.id, image);
                release(w, true);
                continue;
            }
            RuntimeException failure = lastFailure;
            if (failure != null && live.isEmpty()) {
                throw new SandboxException("no warm container for image '" + image + "': " + failure.getMessage(), failure);
            }
            if (System.nanoTime() > deadline) {
                throw new SandboxException("no warm container for image '" + image + "' within " + settings.acquireTimeout());
            }
        }
    }

    /** Gives a container back; a container that needs recycling is removed and replaced in the background. */
    void release(WarmContainer w, boolean recycle) {
        w.runs++;
        if (!closed && !recycle && w.runs < settings.maxRunsPerContainer()) {
            idle.add(w);
            return;
        }
        live.remove(w);
        submit(() -> {
            w.channel.close();
            try {
                engine.remove(w.id);
            } catch (RuntimeException e) {
                // Whatever became of the old container (removed by someone else, engine busy), its uid gets a new one.
                LOG.warn("removing container {} failed; replacing it anyway", w.id, e);
            }
            replenish(w.uid, Duration.ZERO);
        });
    }

    private void replenish(int uid, Duration delay) {
        submit(() -> {
            if (closed) {
                return;
            }
            try {
                if (!delay.isZero()) {
                    Thread.sleep(delay.toMillis());
                }
                String id = engine.createWarm(image, runnerUid, uid, INITIAL_MEMORY);
                RunnerChannel channel;
                try {
                    channel = engine.attach(id);
                } catch (RuntimeException e) {
                    engine.remove(id);
                    throw e;
                }
                WarmContainer w = new WarmContainer(id, uid, INITIAL_MEMORY, channel);
                live.add(w);
                lastFailure = null;
                if (closed) {
                    live.remove(w);
                    channel.close();
                    engine.remove(w.id);
                } else {
                    idle.add(w);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            } catch (RuntimeException e) {
                lastFailure = e;
                LOG.warn("cannot start a warm container of image {}: {}", image, e.getMessage());
                // Back off, then try again: an engine restart or a late image build heals the pool.
                replenish(uid, Duration.ofSeconds(2));
            }
        });
    }

    private void submit(Runnable task) {
        try {
            background.execute(task);
        } catch (RejectedExecutionException e) {
            // shutting down: the container (if any) is removed by close()
        }
    }

    /** Removes every container of this pool, in use or not. */
    void close() {
        closed = true;
        List<WarmContainer> all = new ArrayList<>(live);
        live.clear();
        idle.clear();
        for (WarmContainer w : all) {
            try {
                w.channel.close();
                engine.remove(w.id);
            } catch (RuntimeException e) {
                LOG.warn("cannot remove container {}: {}", w.id, e.getMessage());
            }
        }
    }
}
