package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxException;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The doctor's report, and the sandbox refusing weaker isolation unless allowed. */
class DoctorTest {

    @Test
    void reportsEveryProtectionActiveOnAFullyEquippedHost() {
        DoctorReport report = TestSandboxes.requireConfinement();
        assertThat(report.root()).isTrue();
        for (String name : List.of("root", "namespaces", "seccomp", "cgroups")) {
            assertThat(report.protection(name)).get().extracting(Protection::active).as(name).isEqualTo(true);
        }
        assertThat(report.cgroupVersion()).isIn(CgroupVersion.V1, CgroupVersion.V2);
        assertThat(report.protection("user-namespace")).get().satisfies(p -> {
            assertThat(p.active()).isTrue();
            assertThat(p.detail()).contains("rootless operation is not built");
        });
        assertThat(report.missing()).isEmpty();
        assertThat(report.toString()).contains("[ok]      namespaces").contains("[ok]      user-namespace");
    }

    private static DoctorReport without(String missing) {
        DoctorReport real = TestSandboxes.requireConfinement();
        List<Protection> ps = new ArrayList<>();
        for (Protection p : real.protections()) {
            ps.add(p.name().equals(missing) ? new Protection(missing, false, "switched off by the test") : p);
        }
        return new DoctorReport(real.root(), missing.equals("cgroups") ? CgroupVersion.NONE : real.cgroupVersion(), ps);
    }

    @Test
    void refusesToRunWithoutCgroupsUnlessAllowed() {
        DoctorReport noCgroups = without("cgroups");
        assertThatThrownBy(() -> NativeSandbox.builder().slots(1).firstUid(TestSandboxes.firstUid())
                .build(helper -> noCgroups))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("refusing")
                .hasMessageContaining("cgroups missing: switched off by the test")
                .hasMessageContaining("allowUnconfined(true)");
        assertThat(TestSandboxes.boxProcesses()).isEmpty();
    }

    @Test
    void runsOnRlimitsAloneWhenAllowed() {
        DoctorReport noCgroups = without("cgroups");
        try (NativeSandbox sandbox = NativeSandbox.builder().slots(1).firstUid(TestSandboxes.firstUid())
                .allowUnconfined(true).build(helper -> noCgroups)) {
            assertThat(sandbox.cgroupVersion()).isEqualTo(CgroupVersion.NONE);
            SandboxResult hi = sandbox.run(SandboxRequest.of(List.of("/bin/echo", "hi"), Limits.defaults()));
            assertThat(hi.termination()).as(hi.message()).isEqualTo(Termination.EXITED);
            assertThat(new String(hi.stdout(), StandardCharsets.UTF_8)).isEqualTo("hi\n");
            // the memory limit falls back to the address space limit: a big allocation is refused
            byte[] alloc = CPrograms.compile("""
                    #include <stdio.h>
                    #include <stdlib.h>
                    int main(void) { puts(malloc(256u << 20) ? "allocated" : "refused"); return 0; }
                    """);
            SandboxResult r = sandbox.run(SandboxRequest.of(List.of("./a"), Limits.defaults().withMemory(ByteSize.ofMiB(64)))
                    .withFiles(List.of(SandboxFile.executable("a", alloc))));
            assertThat(new String(r.stdout(), StandardCharsets.UTF_8)).isEqualTo("refused\n");
        }
    }

    @Test
    void neverRunsWithoutSeccompOrNamespacesEvenWhenAllowed() {
        for (String missing : List.of("seccomp", "namespaces", "root")) {
            DoctorReport report = without(missing);
            assertThatThrownBy(() -> NativeSandbox.builder().slots(1).allowUnconfined(true).build(helper -> report))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("cannot run on this host")
                    .hasMessageContaining(missing + " missing");
        }
    }

    @Test
    void sandboxesTakeDisjointUidBlocksByDefault() {
        java.util.Set<Integer> firsts = new java.util.HashSet<>();
        for (long pid : new long[] {1, 4095, 123456}) {
            for (int n = 1; n <= 64; n++) {
                int first = NativeSandbox.defaultFirstUid(pid, n);
                assertThat(first).isBetween(1_600_000, 2_000_000_000 - 256);
                assertThat(firsts.add(first)).as("pid %d, sandbox %d", pid, n).isTrue();
            }
        }
    }

    @Test
    void builderRejectsBadArgumentsWithClearMessages() {
        NativeSandbox.Builder b = NativeSandbox.builder();
        assertThatThrownBy(() -> b.slots(0)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("slots must be between 1 and 256, was 0");
        assertThatThrownBy(() -> b.readOnlyPaths(List.of(Path.of("usr")))).hasMessageContaining("absolute");
        assertThatThrownBy(() -> b.readOnlyPaths(List.of(Path.of("/")))).hasMessageContaining("not /");
        assertThatThrownBy(() -> b.readOnlyPaths(List.of(Path.of("/usr/../etc")))).hasMessageContaining("normalized");
        assertThatThrownBy(() -> b.readOnlyPaths(List.of(Path.of("/proc")))).hasMessageContaining("owned by");
        assertThatThrownBy(() -> b.firstUid(0)).hasMessageContaining("firstUid");
        assertThatThrownBy(() -> b.workDirSize(ByteSize.ofKiB(4))).hasMessageContaining("at least 1MiB");
        assertThatThrownBy(() -> b.stateDirectory(Path.of("rel"))).hasMessageContaining("absolute");
        assertThatThrownBy(() -> b.readOnlyPaths(null)).isInstanceOf(NullPointerException.class);
    }
}
