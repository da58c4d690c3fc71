package dev.judge.core.testsupport;

import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;

/** Wraps a sandbox and records every request, to count compiles and runs. */
public final class CountingSandbox implements Sandbox {
    private final Sandbox delegate;
    private final List<SandboxRequest> requests = new CopyOnWriteArrayList<>();

    public CountingSandbox(Sandbox delegate) {
        this.delegate = delegate;
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        requests.add(request);
        return delegate.run(request);
    }

    /** Records both requests, the program's first. */
    @Override
    public PairResult runPair(SandboxRequest program, SandboxRequest peer) {
        requests.add(program);
        requests.add(peer);
        return delegate.runPair(program, peer);
    }

    @Override
    public String name() {
        return "counting(" + delegate.name() + ")";
    }

    public List<SandboxRequest> requests() {
        return List.copyOf(requests);
    }

    /** Requests whose program (first argument) is {@code program}. */
    public long count(String program) {
        return count(r -> r.command().get(0).equals(program));
    }

    public long count(Predicate<SandboxRequest> which) {
        return requests.stream().filter(which).count();
    }

    public void reset() {
        requests.clear();
    }

    @Override
    public void close() {
        delegate.close();
    }
}
