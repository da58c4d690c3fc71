package dev.judge.autoconfigure;

import dev.judge.core.judge.Judge;
import dev.judge.core.worker.Worker;
import java.util.Optional;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the worker the judge hosts once the context is ready, and drains it first at shutdown, before the
 * judge, queue and store it uses are closed. A judge without a worker (an application's own judge bean built
 * without one) leaves nothing to start.
 */
public final class WorkerLifecycle implements SmartLifecycle {

    private final Judge judge;

    WorkerLifecycle(Judge judge) {
        this.judge = judge;
    }

    /** The worker this lifecycle runs, if the judge hosts one. */
    public Optional<Worker> worker() {
        return judge.worker();
    }

    @Override
    public void start() {
        judge.worker().filter(w -> !w.isRunning()).ifPresent(Worker::start);
    }

    @Override
    public void stop() {
        judge.worker().ifPresent(Worker::close);
    }

    @Override
    public boolean isRunning() {
        return judge.worker().map(Worker::isRunning).orElse(false);
    }
}
