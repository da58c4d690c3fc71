package dev.judge.sandbox.docker;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.BaseEnvironment;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.time.Duration;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One attempt at a run: takes a warm container of the pool, sets its memory limit to the run's, sends the
 * request to its runner and waits for the answer, then gives the container back, to be replaced when the
 * run left it unfit.
 */
final class ContainerRun {
    private static final Logger LOG = LoggerFactory.getLogger(ContainerRun.class);
    /** Beyond the run's wall time limit, how long the runner may take to report before it counts as broken. */
    static final Duration EXEC_MARGIN = Duration.ofSeconds(20);

    private ContainerRun() {
    }

    /** Runs the request on a container of {@code pool}; a failure of the container is a sandbox failure. */
    static RunOutcome attempt(Engine engine, ContainerPool pool, SandboxRequest request) {
        WarmContainer container;
        try {
            container = pool.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while waiting for a warm container", e);
        }
        boolean recycle = true;
        try {
            RunOutcome outcome = execute(engine, container, request);
            recycle = outcome.recycle();
            return outcome;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new SandboxException("interrupted while running", e);
        } catch (RuntimeException e) {
            LOG.warn("run failed in container {}: {}", container.id, e.toString());
            return new RunOutcome(SandboxResult.failure("Docker sandbox failure: " + e.getMessage()), true);
        } finally {
            pool.release(container, recycle);
        }
    }

    private static RunOutcome execute(Engine engine, WarmContainer container, SandboxRequest request)
            throws InterruptedException {
        Limits limits = request.limits();
        setMemory(engine, container, limits);
        byte[] input = RunnerProtocol.encode(request, environment(request));
        long started = System.nanoTime();
        RunnerChannel.Exchange exchange = container.channel.exchange(input, limits.wallTime().plus(EXEC_MARGIN));
        return interpret(engine, container, request, exchange, started, EXEC_MARGIN);
    }

    /** Gives the container the run's memory limit; one engine call, only when it differs from the last run's. */
    static void setMemory(Engine engine, WarmContainer container, Limits limits) {
        long memory = limits.memory().bytes();
        if (container.memory != memory) {
            engine.setMemory(container.id, memory);
            container.memory = memory;
        }
    }

    /** The run's environment as the runner passes it on: core's defaults, {@code HOME} the work dir. */
    static Map<String, String> environment(SandboxRequest request) {
        return BaseEnvironment.of(Settings.WORK_DIR, request.environment());
    }

    /**
     * The outcome of an exchange with the container's runner: its result, or a sandbox failure (OOM-killed
     * runner aside) that retires the container; {@code margin} is what the exchange was given beyond the
     * run's wall time.
     */
    static RunOutcome interpret(Engine engine, WarmContainer container, SandboxRequest request,
            RunnerChannel.Exchange exchange, long started, Duration margin) {
        Limits limits = request.limits();
        if (exchange.timedOut()) {
            return new RunOutcome(SandboxResult.failure("the runner did not finish within the wall time limit plus "
                    + margin.toSeconds() + " s"), true);
        }
        if (exchange.response() == null && engine.wasOomKilled(container.id)) {
            return new RunOutcome(RunnerResults.runnerOomKilled(limits, Duration.ofNanos(System.nanoTime() - started)),
                    true);
        }
        if (exchange.response() == null) {
            return new RunOutcome(SandboxResult.failure("the runner ended without a result"
                    + (exchange.diagnostics().isEmpty() ? "" : ": " + exchange.diagnostics())), true,
                    exchange.nothingReceived());
        }
        return RunnerResults.decode(limits, request.command().get(0), RunnerProtocol.decode(exchange.response()));
    }
}
