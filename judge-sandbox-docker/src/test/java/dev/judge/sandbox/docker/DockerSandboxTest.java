package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.tck.SandboxContract;
import java.util.List;
import org.junit.jupiter.api.Test;

class DockerSandboxTest extends SandboxContract {
    @Override
    protected Sandbox createSandbox() {
        return TestSandboxes.create(2);
    }

    @Test
    void peakMemoryCountsProcessesThatHoldMemoryAtTheSameTime() {
        // Two processes of 64 MiB each, alive together for half a second: no single process reaches 100 MiB.
        String script = "import os, time\n"
                + "pid = os.fork()\n"
                + "b = bytearray(b'\\x01') * (64 * 1024 * 1024)\n"
                + "time.sleep(0.5)\n"
                + "if pid: os.waitpid(pid, 0)\n";
        SandboxResult r = run(SandboxRequest.of(List.of("python3", "-c", script), limits().withMemory(ByteSize.ofMiB(256))));
        assertThat(r.succeeded()).as(r.message() + text(r.stderr())).isTrue();
        assertThat(r.peakMemory()).isBetween(ByteSize.ofMiB(128), ByteSize.ofMiB(200));
    }
}
