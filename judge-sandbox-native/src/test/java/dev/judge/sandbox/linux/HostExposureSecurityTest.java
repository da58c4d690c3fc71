package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.UnsafeBindException;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What a sandbox is given of the host: read-only binds that would hand runs a socket are refused when the
 * sandbox is configured, and no two sandboxes of the host ever run boxes as the same uid (which would let a
 * run of one signal the other's runs and share its per-uid process count).
 */
class HostExposureSecurityTest {
    @AfterEach
    void noBoxProcessSurvives() {
        assertThat(TestSandboxes.boxProcesses()).as("box processes left on the host").isEmpty();
    }

    private static void refused(Path p, String why) {
        assertThatThrownBy(() -> NativeSandbox.builder().readOnlyPaths(List.of(Path.of("/usr"), p)))
                .isInstanceOf(UnsafeBindException.class).hasMessageContaining(why)
                .satisfies(e -> assertThat(((UnsafeBindException) e).hostPath()).isEqualTo(p.toString()));
    }

    @Test
    void readOnlyPathsThatExposeSocketsAreRefused(@TempDir Path dir) throws Exception {
        refused(Path.of("/run"), "lies in /run");
        refused(Path.of("/run/systemd"), "lies in /run");
        refused(Path.of("/var/run"), "lies in /var/run");
        refused(Path.of("/var"), "holds /var/run");
        refused(Path.of("/var/run/docker.sock"), "/var/run");
        refused(Path.of("/srv/engine.sock"), "named like a socket");
        Path withSocket = Files.createDirectories(dir.resolve("tools/lib"));
        try (ServerSocketChannel s = ServerSocketChannel.open(StandardProtocolFamily.UNIX)) {
            s.bind(UnixDomainSocketAddress.of(withSocket.resolve("agent")));
            refused(dir.resolve("tools"), "holds the socket " + withSocket.resolve("agent"));
        }
        Path withFifo = Files.createDirectories(dir.resolve("other"));
        Process mkfifo = new ProcessBuilder("mkfifo", withFifo.resolve("channel").toString()).start();
        assertThat(mkfifo.waitFor(10, TimeUnit.SECONDS) && mkfifo.exitValue() == 0).isTrue();
        refused(withFifo, "holds the FIFO");
        Path link = Files.createSymbolicLink(dir.resolve("to-run"), Path.of("/run"));
        refused(link, "lies in /run");
        // a plain toolchain directory is fine
        Path plain = Files.createDirectories(dir.resolve("plain/bin"));
        Files.writeString(plain.resolve("tool"), "#!/bin/sh\n");
        NativeSandbox.builder().readOnlyPaths(List.of(Path.of("/usr"), dir.resolve("plain")));
    }

    private static String uidOf(NativeSandbox sandbox) {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/usr/bin/id", "-u"), Limits.defaults()));
        assertThat(r.succeeded()).as(r.message()).isTrue();
        return new String(r.stdout(), StandardCharsets.UTF_8).trim();
    }

    @Test
    void aSandboxWhoseBoxUidsAnotherOneHoldsRefusesToStart() {
        TestSandboxes.requireConfinement();
        int first = TestSandboxes.firstUid() + 2;
        try (NativeSandbox a = NativeSandbox.builder().slots(2).firstUid(first).build()) {
            assertThat(uidOf(a)).isIn(Integer.toString(first), Integer.toString(first + 1));
            assertThatThrownBy(() -> NativeSandbox.builder().slots(2).firstUid(first + 1).build()
                    .close()).isInstanceOf(SandboxException.class)
                    .hasMessageContaining("belong to another live native sandbox");
        }
        // given back at close
        try (NativeSandbox b = NativeSandbox.builder().slots(2).firstUid(first + 1).build()) {
            assertThat(uidOf(b)).isIn(Integer.toString(first + 1), Integer.toString(first + 2));
        }
    }

    @Test
    void defaultUidBlocksSkipBlocksOtherSandboxesHold() {
        TestSandboxes.requireConfinement();
        long pid = ProcessHandle.current().pid();
        int next = NativeSandbox.sandboxesNumbered() + 1;
        // a sandbox with given uids (number next) sits on the block the default sandbox after it would pick
        int taken = BoxPool.defaultFirstUid(pid, next + 1);
        List<NativeSandbox> open = new ArrayList<>();
        try {
            open.add(NativeSandbox.builder().slots(1).firstUid(taken).build());
            NativeSandbox byDefault = NativeSandbox.builder().slots(1).build();
            open.add(byDefault);
            assertThat(byDefault.firstUid()).isNotEqualTo(taken);
            assertThat(uidOf(byDefault)).isEqualTo(Integer.toString(byDefault.firstUid()))
                    .isNotEqualTo(uidOf(open.get(0)));
        } finally {
            open.forEach(NativeSandbox::close);
        }
    }

    @Test
    void boxUidsHeldByASandboxInAnotherJvmAreRefusedUntilThatJvmDies() throws Exception {
        TestSandboxes.requireConfinement();
        int first = TestSandboxes.firstUid() + 5;
        Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), KilledJvmChild.class.getName(),
                Integer.toString(first)).redirectErrorStream(true).start();
        try {
            String line = new BufferedReader(new InputStreamReader(child.getInputStream())).readLine();
            assertThat(line).isEqualTo("started");
            assertThatThrownBy(() -> NativeSandbox.builder().slots(1).firstUid(first).build().close())
                    .isInstanceOf(SandboxException.class).hasMessageContaining("belong to another live native sandbox");
        } finally {
            child.destroyForcibly(); // SIGKILL: the kernel drops the child's lock
            child.waitFor(10, TimeUnit.SECONDS);
        }
        LifecycleTest.awaitNoBoxProcess();
        try (NativeSandbox mine = NativeSandbox.builder().slots(1).firstUid(first).build()) {
            assertThat(uidOf(mine)).isEqualTo(Integer.toString(first));
        }
    }
}
