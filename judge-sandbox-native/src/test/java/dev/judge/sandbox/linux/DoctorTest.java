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
import java.util.Optional;
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
        assertThat(report.protection("root")).get().extracting(Protection::detail).isEqualTo("running as root");
        assertThat(report.protection("rootless")).as("the mode line is root or rootless, never both").isEmpty();
        assertThat(report.protection("user-namespace")).get().extracting(Protection::active).isEqualTo(true);
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
    void aRootlessReportNamesTheMappingOrWhyItIsUnavailable() {
        CgroupDetector.Detection cgroups = new CgroupDetector.Detection(CgroupVersion.NONE, null,
                "cgroup v1: /sys/fs/cgroup/memory/judge-native is not writable by this user");
        List<String> probe = List.of("namespaces ok", "user-namespace ok", "seccomp ok");
        RootlessHost host = new RootlessHost(1000, 1000, "alice", Optional.of(Path.of("/usr/bin/newuidmap")),
                Optional.of(Path.of("/usr/bin/newgidmap")), "alice:100000:65536\n", "alice:100000:65536\n",
                null, "1000");
        DoctorReport ok = NativeSandboxDoctor.report(RootlessCheck.check(host, 1_600_000, 2), cgroups, probe,
                1_600_000, 2);
        assertThat(ok.root()).isFalse();
        assertThat(ok.protection("root")).isEmpty();
        assertThat(ok.protection("rootless")).get().satisfies(p -> {
            assertThat(p.active()).isTrue();
            assertThat(p.detail()).contains("running as alice (uid 1000)", "uid 1000 -> 0",
                    "box uids 1600000..1600001");
        });
        assertThat(ok.protection("uid-separation")).get().extracting(Protection::detail).asString()
                .contains("host uids", "never the judge's own uid 1000");
        // without a delegated cgroup the rule of root mode holds: refuse unless allowUnconfined
        assertThat(ok.missing()).extracting(Protection::name).containsExactly("cgroups");
        assertThat(ok.toString())
                .contains("[missing] cgroups: cgroup v1: /sys/fs/cgroup/memory/judge-native is not writable");

        RootlessHost noTools = new RootlessHost(1000, 1000, "alice", Optional.empty(), Optional.empty(),
                host.subuid(), host.subgid(), null, "1000");
        DoctorReport unavailable = NativeSandboxDoctor.report(RootlessCheck.check(noTools, 1_600_000, 2), cgroups,
                probe, 1_600_000, 2);
        assertThat(unavailable.missing()).extracting(Protection::name).containsExactly("rootless", "cgroups");
        assertThat(unavailable.protection("uid-separation")).get().extracting(Protection::active).isEqualTo(false);
        assertThatThrownBy(() -> NativeSandbox.builder().slots(1).allowUnconfined(true).build(helper -> unavailable))
                .isInstanceOf(SandboxException.class)
                .hasMessageContaining("cannot run on this host")
                .hasMessageContaining("rootless missing: rootless operation unavailable: newuidmap/newgidmap not "
                        + "found");
    }

    @Test
    void sandboxesTakeDisjointUidBlocksByDefault() {
        java.util.Set<Integer> firsts = new java.util.HashSet<>();
        for (long pid : new long[] {1, 4095, 123456}) {
            for (int n = 1; n <= 64; n++) {
                int first = BoxPool.defaultFirstUid(pid, n);
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
        for (String bad : List.of("", "/judge", "a/../b", "../a", "a//b", "a/", "..")) {
            assertThatThrownBy(() -> b.cgroupParent(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("cgroupParent must be a normalized relative path");
        }
        assertThatThrownBy(() -> b.cgroupParent(null)).isInstanceOf(NullPointerException.class);
        b.cgroupParent("judge-rootless/worker-1");
        assertThatThrownBy(() -> b.readOnlyPaths(null)).isInstanceOf(NullPointerException.class);
    }
}
