package dev.judge.sandbox.linux;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxRequest;
import java.time.Duration;
import java.util.List;

/** A JVM that starts a sandbox, begins a long run and waits to be killed (see LifecycleTest). */
public final class KilledJvmChild {
    private KilledJvmChild() {
    }

    public static void main(String[] args) {
        NativeSandbox sandbox = NativeSandbox.builder().slots(1).firstUid(Integer.parseInt(args[0])).build();
        System.out.println("started");
        System.out.flush();
        sandbox.run(SandboxRequest.of(List.of("/bin/sleep", "60"),
                Limits.defaults().withWallTime(Duration.ofSeconds(60)).withCpuTime(Duration.ofSeconds(60))));
    }
}
