package dev.judge.autoconfigure;

import dev.judge.core.worker.Worker;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the queue worker once the context is ready and drains it first at shutdown, before the judge, queue
 * and store it uses are closed.
 */
public final class WorkerLifecycle implements SmartLifecycle {

    private final Worker worker;

    WorkerLifecycle(Worker worker) {
        this.worker = worker;
    }

    /** The worker this lifecycle runs. */
    public Worker worker() {
        return worker;
    }

    @Override
    public void start() {
        worker.start();
    }

    @Override
    public void stop() {
        worker.close();
    }

    @Override
    public boolean isRunning() {
        return worker.isRunning();
    }
}
