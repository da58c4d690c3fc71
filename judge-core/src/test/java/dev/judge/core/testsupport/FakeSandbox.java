package dev.judge.core.testsupport;

import dev.judge.core.model.ByteSize;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;

/** A sandbox answering from a function, for tests of what the judge makes of sandbox results. */
public final class FakeSandbox implements Sandbox {
    private final Function<SandboxRequest, SandboxResult> answer;

    public FakeSandbox(Function<SandboxRequest, SandboxResult> answer) {
        this.answer = answer;
    }

    @Override
    public SandboxResult run(SandboxRequest request) {
        return answer.apply(request);
    }

    @Override
    public String name() {
        return "fake";
    }

    public static SandboxResult exited(int code, String stdout) {
        return result(Termination.EXITED, code, 0, stdout, "", Duration.ofMillis(10));
    }

    public static SandboxResult result(Termination t, int exitCode, int signal, String stdout, String stderr, Duration cpu) {
        return new SandboxResult(t, exitCode, signal, stdout.getBytes(StandardCharsets.UTF_8),
                stderr.getBytes(StandardCharsets.UTF_8), false, cpu, cpu, ByteSize.ofMiB(1), List.of(), "");
    }

    public static SandboxResult compiled(SandboxRequest r) {
        return new SandboxResult(Termination.EXITED, 0, 0, new byte[0], new byte[0], false, Duration.ZERO,
                Duration.ZERO, ByteSize.ofMiB(1), List.of(SandboxFile.executable("main", new byte[] {1, 2, 3})), "");
    }

    /**
     * Answers version probes with "1.0", compiles with a binary, and runs with {@code run}. A request that collects
     * files is a compile, unless it places the test's {@code input.txt}: a checker run, which collects its report.
     */
    public static FakeSandbox programs(Function<SandboxRequest, SandboxResult> run) {
        return new FakeSandbox(r -> {
            if (r.command().contains("--version") || r.command().contains("-dumpfullversion")
                    || r.command().contains("-version")) {
                return exited(0, "1.0\n");
            }
            if (!r.collect().isEmpty() && r.files().stream().noneMatch(f -> f.path().equals("input.txt"))) {
                return compiled(r);
            }
            return run.apply(r);
        });
    }
}
