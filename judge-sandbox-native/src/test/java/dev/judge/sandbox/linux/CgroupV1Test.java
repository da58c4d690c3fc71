package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The v1 driver against a fake tree of three controller hierarchies. */
class CgroupV1Test {
    @TempDir
    Path root;

    @Test
    void prepareSetsMemoryWithSwapPidsAndBaselinesThenUsageIsTheDifference() throws IOException {
        Path mem = root.resolve("memory/judge-native/i/box-1");
        Path pids = root.resolve("pids/judge-native/i/box-1");
        Path cpu = root.resolve("cpuacct/judge-native/i/box-1");
        Files.createDirectories(mem);
        Files.createDirectories(pids);
        Files.createDirectories(cpu);
        for (String f : new String[] {"memory.limit_in_bytes", "memory.memsw.limit_in_bytes"}) {
            Files.writeString(mem.resolve(f), "9223372036854771712\n");
        }
        for (String f : new String[] {"memory.max_usage_in_bytes", "memory.memsw.max_usage_in_bytes",
            "memory.failcnt", "memory.memsw.failcnt", "memory.force_empty"}) {
            Files.writeString(mem.resolve(f), "0\n");
        }
        Files.writeString(mem.resolve("memory.usage_in_bytes"), "4096\n");
        Files.writeString(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 3\n");
        Files.writeString(pids.resolve("pids.max"), "max\n");
        Files.writeString(cpu.resolve("cpuacct.usage"), "7000000000\n");

        BoxCgroup cg = new CgroupV1(root.resolve("memory"), root.resolve("pids"), root.resolve("cpuacct"),
                CgroupDriver.DEFAULT_PARENT)
                .create("i", 1);
        Files.writeString(mem.resolve("memory.force_empty"), "");
        cg.prepare(Limits.defaults().withMemory(ByteSize.ofMiB(32)).withProcesses(3));
        assertThat(Files.readString(mem.resolve("memory.limit_in_bytes"))).isEqualTo(Long.toString(32L << 20));
        assertThat(Files.readString(mem.resolve("memory.memsw.limit_in_bytes"))).isEqualTo(Long.toString(32L << 20));
        assertThat(Files.readString(pids.resolve("pids.max"))).isEqualTo("4");
        assertThat(Files.readString(mem.resolve("memory.force_empty"))).as("the first run starts empty").isEqualTo("0");
        assertThat(cg.procsFiles()).containsExactly(mem.resolve("cgroup.procs"), pids.resolve("cgroup.procs"),
                cpu.resolve("cgroup.procs"));
        assertThat(cg.resetFiles()).containsExactly(mem.resolve("memory.memsw.max_usage_in_bytes"),
                mem.resolve("memory.failcnt"));
        assertThat(cg.statFiles()).containsExactly(mem.resolve("memory.memsw.max_usage_in_bytes"),
                mem.resolve("memory.failcnt"), mem.resolve("memory.oom_control"), cpu.resolve("cpuacct.usage"),
                mem.resolve("memory.usage_in_bytes"));

        List<String> before = read(cg.statFiles());
        Files.writeString(cpu.resolve("cpuacct.usage"), "7250000000\n");
        Files.writeString(mem.resolve("memory.oom_control"), "oom_kill_disable 0\nunder_oom 0\noom_kill 4\n");
        Files.writeString(mem.resolve("memory.max_usage_in_bytes"), "1000\n");
        Files.writeString(mem.resolve("memory.memsw.max_usage_in_bytes"), "2000\n");
        Files.writeString(mem.resolve("memory.failcnt"), "3\n");
        CgroupUsage u = cg.usage(new CgroupReadings(before, read(cg.statFiles()), 0));
        assertThat(u.cpuNanos()).isEqualTo(250_000_000L);
        assertThat(u.oomKills()).isEqualTo(1);
        assertThat(u.limitHits()).isEqualTo(3);
        assertThat(u.peakBytes()).as("memory with swap").isEqualTo(2000);

        // little left charged after the run: the next run needs no emptying; much left: it does
        Files.writeString(mem.resolve("memory.force_empty"), "");
        cg.prepare(Limits.defaults().withMemory(ByteSize.ofMiB(32)).withProcesses(3));
        assertThat(Files.readString(mem.resolve("memory.force_empty"))).isEmpty();
        Files.writeString(mem.resolve("memory.usage_in_bytes"), Long.toString(8L << 20));
        cg.usage(new CgroupReadings(before, read(cg.statFiles()), 0));
        cg.prepare(Limits.defaults().withMemory(ByteSize.ofMiB(32)).withProcesses(3));
        assertThat(Files.readString(mem.resolve("memory.force_empty"))).isEqualTo("0");
    }

    @Test
    void aPlacedBoxGetsItsCpuAndTheParentsMemoryNodesOnEveryEmptyLevelAndACapOfOneCpu() throws IOException {
        Path cpuset = root.resolve("cpuset");
        Path cpu = root.resolve("cpu");
        // what the kernel shows: the root cpuset holds every CPU and node, a new cpuset holds none
        fakeCpuset(cpuset, "0-3", "0");
        fakeCpuset(cpuset.resolve("judge-native"), "", "");
        fakeCpuset(cpuset.resolve("judge-native/i"), "", "");
        fakeCpuset(cpuset.resolve("judge-native/i/box-1"), "", "");
        Path capped = Files.createDirectories(cpu.resolve("judge-native/i/box-1"));
        Files.writeString(capped.resolve("cpu.cfs_period_us"), "100000\n");
        Files.writeString(capped.resolve("cpu.cfs_quota_us"), "-1\n");
        CgroupV1 driver = new CgroupV1(root.resolve("memory"), root.resolve("pids"), root.resolve("cpuacct"), cpuset,
                cpu, CgroupDriver.DEFAULT_PARENT);
        assertThat(driver.placesCpus()).isTrue();
        BoxCgroup cg = driver.create("i", 1, java.util.OptionalInt.of(2));

        assertThat(Files.readString(cpuset.resolve("judge-native/cpuset.cpus"))).isEqualTo("0-3");
        assertThat(Files.readString(cpuset.resolve("judge-native/i/cpuset.mems"))).isEqualTo("0");
        assertThat(Files.readString(cpuset.resolve("judge-native/i/box-1/cpuset.cpus"))).isEqualTo("2");
        assertThat(Files.readString(cpuset.resolve("judge-native/i/box-1/cpuset.mems"))).isEqualTo("0");
        assertThat(Files.readString(capped.resolve("cpu.cfs_quota_us"))).isEqualTo("100000");
        assertThat(cg.cpu()).hasValue(2);
        assertThat(cg.procsFiles()).contains(cpuset.resolve("judge-native/i/box-1/cgroup.procs"),
                capped.resolve("cgroup.procs"));
        assertThat(driver.instanceParents()).contains(cpuset.resolve("judge-native"), cpu.resolve("judge-native"));

        // a level an administrator (or another instance) already filled keeps its CPUs
        Files.writeString(cpuset.resolve("judge-native/cpuset.cpus"), "1-2");
        driver.create("i", 1, java.util.OptionalInt.of(1));
        assertThat(Files.readString(cpuset.resolve("judge-native/cpuset.cpus"))).isEqualTo("1-2");

        // without a CPU the box is not placed
        assertThat(driver.create("i", 1).cpu()).isEmpty();
        assertThat(driver.create("i", 1).procsFiles()).hasSize(3);
    }

    private static void fakeCpuset(Path dir, String cpus, String mems) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("cpuset.cpus"), cpus);
        Files.writeString(dir.resolve("cpuset.mems"), mems);
    }

    static List<String> read(List<Path> files) throws IOException {
        List<String> out = new ArrayList<>();
        for (Path f : files) {
            out.add(Files.readString(f));
        }
        return out;
    }
}
