package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v2 driver against a fake unified hierarchy: a temp dir holding the files the kernel would. */
class CgroupV2Test {
    @TempDir
    Path root;

    private Path slot;

    private void fakeTree(String instance) throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu io memory hugetlb pids rdma misc\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "");
        Path parent = root.resolve("judge-native");
        Path inst = parent.resolve(instance);
        slot = inst.resolve("box-0");
        Files.createDirectories(slot);
        Files.writeString(parent.resolve("cgroup.subtree_control"), "memory pids cpu\n");
        Files.writeString(inst.resolve("cgroup.subtree_control"), "");
        Files.writeString(slot.resolve("cgroup.procs"), "");
        Files.writeString(slot.resolve("memory.max"), "max\n");
        Files.writeString(slot.resolve("memory.swap.max"), "max\n");
        Files.writeString(slot.resolve("pids.max"), "max\n");
        Files.writeString(slot.resolve("cpu.stat"), "usage_usec 1000000\nuser_usec 800000\nsystem_usec 200000\n");
        Files.writeString(slot.resolve("memory.events"), "low 0\nhigh 0\nmax 4\noom 1\noom_kill 1\n");
        Files.writeString(slot.resolve("memory.peak"), "999999\n");
    }

    @Test
    void createEnablesTheControllersOnEveryAncestorThatLacksThem() throws IOException {
        fakeTree("1-2-3");
        BoxCgroup cg = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT).create("1-2-3", 0);
        assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo(CgroupV2.CONTROLLERS);
        assertThat(Files.readString(root.resolve("judge-native/cgroup.subtree_control"))).isEqualTo("memory pids cpu\n");
        assertThat(Files.readString(root.resolve("judge-native/1-2-3/cgroup.subtree_control")))
                .isEqualTo(CgroupV2.CONTROLLERS);
        assertThat(cg.procsFiles()).containsExactly(slot.resolve("cgroup.procs"));
        assertThat(cg.cpuFile()).isEqualTo(slot.resolve("cpu.stat"));
        assertThat(cg.cpuIsV2()).isTrue();
    }

    @Test
    void inADelegatedSubtreeOnlyTheLevelsLackingControllersAreWritten() throws IOException {
        // the levels above the user's part are not the user's: they already delegate the controllers
        Files.writeString(root.resolve("cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "cpu memory pids\n");
        Path service = Files.createDirectories(root.resolve("user.slice/judge.service"));
        Files.writeString(root.resolve("user.slice/cgroup.subtree_control"), "cpu memory pids\n");
        Files.writeString(service.resolve("cgroup.subtree_control"), "");
        Path inst = Files.createDirectories(service.resolve("sandbox/i-1"));
        Files.writeString(service.resolve("sandbox/cgroup.subtree_control"), "");
        Files.writeString(inst.resolve("cgroup.subtree_control"), "");
        BoxCgroup cg = new CgroupV2(root, "user.slice/judge.service/sandbox").create("i-1", 2);
        assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo("cpu memory pids\n");
        assertThat(Files.readString(root.resolve("user.slice/cgroup.subtree_control"))).isEqualTo("cpu memory pids\n");
        assertThat(Files.readString(service.resolve("cgroup.subtree_control"))).isEqualTo(CgroupV2.CONTROLLERS);
        assertThat(Files.readString(service.resolve("sandbox/cgroup.subtree_control"))).isEqualTo(CgroupV2.CONTROLLERS);
        assertThat(Files.readString(inst.resolve("cgroup.subtree_control"))).isEqualTo(CgroupV2.CONTROLLERS);
        assertThat(cg.procsFiles()).containsExactly(inst.resolve("box-2/cgroup.procs"));
    }

    @Test
    void aPlacedBoxEnablesCpusetOnTheWayDownAndIsPinnedAndCappedToOneCpu() throws IOException {
        fakeTree("1-2-3");
        Files.writeString(slot.resolve("cpuset.cpus"), "");
        Files.writeString(slot.resolve("cpu.max"), "max 100000\n");
        CgroupV2 driver = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT);
        assertThat(driver.placesCpus()).isTrue();
        BoxCgroup cg = driver.create("1-2-3", 0, java.util.OptionalInt.of(1));
        assertThat(Files.readString(root.resolve("cgroup.subtree_control"))).isEqualTo("+memory +pids +cpu +cpuset");
        assertThat(Files.readString(root.resolve("judge-native/cgroup.subtree_control")))
                .as("only what the level lacks").isEqualTo("+cpuset");
        assertThat(Files.readString(slot.resolve("cpuset.cpus"))).isEqualTo("1");
        assertThat(Files.readString(slot.resolve("cpu.max"))).isEqualTo("100000 100000");
        assertThat(cg.cpu()).hasValue(1);
    }

    @Test
    void aDelegatedSubtreeWithoutCpusetLeavesBoxesUnpinnedButCapped() throws IOException {
        Files.writeString(root.resolve("cgroup.controllers"), "cpuset cpu memory pids\n");
        Files.writeString(root.resolve("cgroup.subtree_control"), "cpu memory pids\n");
        Path service = Files.createDirectories(root.resolve("user.slice/judge.service"));
        Files.writeString(root.resolve("user.slice/cgroup.subtree_control"), "cpu memory pids\n");
        // systemd delegates cpu, memory and pids to the user's service, not cpuset
        Files.writeString(root.resolve("user.slice/cgroup.controllers"), "cpu memory pids\n");
        Files.writeString(service.resolve("cgroup.subtree_control"), "");
        Path box = Files.createDirectories(service.resolve("sandbox/i-1/box-0"));
        Files.writeString(service.resolve("sandbox/cgroup.subtree_control"), "");
        Files.writeString(service.resolve("sandbox/i-1/cgroup.subtree_control"), "");
        Files.writeString(box.resolve("cpu.max"), "max 100000\n");
        BoxCgroup cg = new CgroupV2(root, "user.slice/judge.service/sandbox").create("i-1", 0,
                java.util.OptionalInt.of(0));
        assertThat(cg.cpu()).isEmpty();
        assertThat(Files.readString(service.resolve("cgroup.subtree_control"))).isEqualTo(CgroupV2.CONTROLLERS);
        assertThat(box.resolve("cpuset.cpus")).doesNotExist();
        assertThat(Files.readString(box.resolve("cpu.max"))).isEqualTo("100000 100000");
    }

    @Test
    void prepareWritesLimitsWithoutSwapAndResetsThePeak() throws IOException {
        fakeTree("1-2-3");
        BoxCgroup cg = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT).create("1-2-3", 0);
        cg.prepare(Limits.defaults().withMemory(ByteSize.ofMiB(64)).withProcesses(5));
        assertThat(Files.readString(slot.resolve("memory.max"))).isEqualTo(Long.toString(64L << 20));
        assertThat(Files.readString(slot.resolve("memory.swap.max"))).isEqualTo("0");
        assertThat(Files.readString(slot.resolve("pids.max"))).as("the box's init counts too").isEqualTo("6");
        assertThat(cg.resetFiles()).as("the peak restarts per run").containsExactly(slot.resolve("memory.peak"));
        assertThat(cg.statFiles()).containsExactly(slot.resolve("cpu.stat"), slot.resolve("memory.events"),
                slot.resolve("memory.peak"));
        // unchanged limits are not written again; changed ones are
        Files.writeString(slot.resolve("memory.max"), "sentinel");
        cg.prepare(Limits.defaults().withMemory(ByteSize.ofMiB(64)).withProcesses(5));
        assertThat(Files.readString(slot.resolve("memory.max"))).isEqualTo("sentinel");
        cg.prepare(Limits.defaults().withMemory(ByteSize.ofMiB(65)).withProcesses(5));
        assertThat(Files.readString(slot.resolve("memory.max"))).isEqualTo(Long.toString(65L << 20));
    }

    @Test
    void usageIsTheDifferenceOfTheReadingsAroundTheRun() throws IOException {
        fakeTree("1-2-3");
        BoxCgroup cg = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT).create("1-2-3", 0);
        cg.prepare(Limits.defaults());
        List<String> before = CgroupV1Test.read(cg.statFiles());
        // what the kernel would show after a run that used 0.5 s of CPU, hit the limit twice and was OOM-killed
        Files.writeString(slot.resolve("cpu.stat"), "usage_usec 1500000\nuser_usec 1200000\nsystem_usec 300000\n");
        Files.writeString(slot.resolve("memory.events"), "low 0\nhigh 0\nmax 6\noom 2\noom_kill 2\n");
        Files.writeString(slot.resolve("memory.peak"), "67108864\n");
        CgroupUsage u = cg.usage(new CgroupReadings(before, CgroupV1Test.read(cg.statFiles()), 0));
        assertThat(u.cpuNanos()).isEqualTo(500_000_000L);
        assertThat(u.oomKills()).isEqualTo(1);
        assertThat(u.limitHits()).isEqualTo(2);
        assertThat(u.peakBytes()).isEqualTo(64L << 20);
        assertThat(((CgroupV2.BoxDir) cg).peakResettable()).isTrue();
    }

    @Test
    void aRunWithoutEventsReportsNoOomKill() throws IOException {
        fakeTree("1-2-3");
        BoxCgroup cg = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT).create("1-2-3", 0);
        cg.prepare(Limits.defaults());
        Files.writeString(slot.resolve("memory.peak"), "4096\n");
        List<String> same = CgroupV1Test.read(cg.statFiles());
        CgroupUsage u = cg.usage(new CgroupReadings(same, same, 0));
        assertThat(u.oomKills()).isZero();
        assertThat(u.peakBytes()).isEqualTo(4096);
        assertThat(u.cpuNanos()).isZero();
    }

    @Test
    void aPeakThatCouldNotBeResetIsReportedAsCoveringTheSlotsLife() throws IOException {
        fakeTree("1-2-3");
        BoxCgroup cg = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT).create("1-2-3", 0);
        List<String> same = CgroupV1Test.read(cg.statFiles());
        cg.usage(new CgroupReadings(same, same, 1));
        assertThat(((CgroupV2.BoxDir) cg).peakResettable()).isFalse();
    }

    @Test
    void pidsAreReadFromCgroupProcs() throws IOException {
        fakeTree("1-2-3");
        BoxCgroup cg = new CgroupV2(root, CgroupDriver.DEFAULT_PARENT).create("1-2-3", 0);
        Files.writeString(slot.resolve("cgroup.procs"), "12\n34\n");
        assertThat(cg.pids()).containsExactly(12, 34);
    }
}
