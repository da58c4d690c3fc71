package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which hierarchy is used, decided from mountinfo lines pointing into a fake tree. */
class CgroupDetectorTest {
    @TempDir
    Path dir;

    private String v1(String name, String opts) throws IOException {
        Path m = Files.createDirectories(dir.resolve(name));
        return "30 25 0:26 / " + m + " rw,nosuid,nodev,noexec,relatime shared:9 - cgroup cgroup rw," + opts + "\n";
    }

    private String v2(String controllers) throws IOException {
        Path m = Files.createDirectories(dir.resolve("unified"));
        Files.writeString(m.resolve("cgroup.controllers"), controllers + "\n");
        Files.writeString(m.resolve("cgroup.subtree_control"), "");
        return "29 25 0:25 / " + m + " rw,nosuid,nodev,noexec,relatime shared:8 - cgroup2 cgroup2 rw,nsdelegate\n";
    }

    private static final String OTHER = "22 1 8:1 / / rw,relatime shared:1 - ext4 /dev/vda rw\n";

    /** Whether some cgroup2 mount keeps the host's cgroup-move lock ready (favordynmods) shows in the detail. */
    @Test
    void theDetailSaysWhetherMovesIntoCgroupsAreFavored() throws IOException {
        String v1 = v1("memory", "memory") + v1("pids", "pids") + v1("cpu,cpuacct", "cpu,cpuacct");
        String plain = CgroupDetector.detect(OTHER + v2("hugetlb") + v1).detail();
        String favored = CgroupDetector.detect(OTHER + v2("hugetlb").replace("rw,nsdelegate", "rw,favordynmods")
                + v1).detail();
        assertThat(plain).contains("may wait 5 to 20 ms after a pause").doesNotContain("favored");
        assertThat(favored).contains("moves into cgroups favored (favordynmods)").doesNotContain("may wait");
        String v2only = CgroupDetector.detect(OTHER + v2("cpuset cpu io memory pids")
                .replace("rw,nsdelegate", "rw,nsdelegate,favordynmods,memory_recursiveprot")).detail();
        assertThat(v2only).startsWith("cgroup v2 at").contains("favored (favordynmods)");
    }

    @Test
    void v1WithMemoryPidsAndCpuacctIsUsedEvenBesideAnEmptyV2() throws IOException {
        String info = OTHER + v2("hugetlb") + v1("memory", "memory") + v1("pids", "pids") + v1("cpu,cpuacct", "cpu,cpuacct");
        CgroupDetector.Detection d = CgroupDetector.detect(info);
        assertThat(d.version()).isEqualTo(CgroupVersion.V1);
        assertThat(d.driver()).isInstanceOf(CgroupV1.class);
        assertThat(d.driver().instanceParents()).containsExactly(dir.resolve("memory/judge-native"),
                dir.resolve("pids/judge-native"), dir.resolve("cpu,cpuacct/judge-native"));
    }

    @Test
    void v1PlacesBoxesOnCpusWhereCpusetAndCpuAreMountedAndWritable() throws IOException {
        String info = OTHER + v1("memory", "memory") + v1("pids", "pids") + v1("cpu,cpuacct", "cpu,cpuacct")
                + v1("cpuset", "cpuset");
        CgroupDetector.Detection d = CgroupDetector.detect(info);
        assertThat(d.driver().placesCpus()).isTrue();
        assertThat(d.detail()).contains("cpuset at " + dir.resolve("cpuset"));
        // cpu shares its directory with cpuacct: listed once
        assertThat(d.driver().instanceParents()).containsExactly(dir.resolve("memory/judge-native"),
                dir.resolve("pids/judge-native"), dir.resolve("cpu,cpuacct/judge-native"),
                dir.resolve("cpuset/judge-native"));

        // a user who was given only memory, pids and cpuacct runs boxes unplaced
        CgroupDetector.Detection rootless = CgroupDetector.detect(info, "judge-native",
                p -> !p.startsWith(dir.resolve("cpuset")));
        assertThat(rootless.version()).isEqualTo(CgroupVersion.V1);
        assertThat(rootless.driver().placesCpus()).isFalse();
        assertThat(rootless.detail()).contains("no CPU placement (cpuset and cpu not writable under judge-native)");
        assertThat(rootless.driver().instanceParents()).hasSize(3);
    }

    @Test
    void v2WithTheControllersIsUsedWhenV1IsIncomplete() throws IOException {
        String info = OTHER + v2("cpuset cpu io memory pids") + v1("memory", "memory");
        CgroupDetector.Detection d = CgroupDetector.detect(info);
        assertThat(d.version()).isEqualTo(CgroupVersion.V2);
        assertThat(d.driver()).isInstanceOf(CgroupV2.class);
        assertThat(d.driver().instanceParents()).containsExactly(dir.resolve("unified/judge-native"));
    }

    @Test
    void v2WithoutControllersAndNoV1IsNoneWithTheReason() throws IOException {
        CgroupDetector.Detection d = CgroupDetector.detect(OTHER + v2("hugetlb"));
        assertThat(d.version()).isEqualTo(CgroupVersion.NONE);
        assertThat(d.driver()).isNull();
        assertThat(d.detail()).contains("lacks controllers").contains("memory, pids, cpu");
    }

    @Test
    void noCgroupMountIsNone() {
        CgroupDetector.Detection d = CgroupDetector.detect(OTHER);
        assertThat(d.version()).isEqualTo(CgroupVersion.NONE);
        assertThat(d.detail()).isEqualTo("no cgroup hierarchy mounted");
    }

    @Test
    void escapedMountPointsAreDecoded() throws IOException {
        Path m = Files.createDirectories(dir.resolve("with space"));
        Files.writeString(m.resolve("cgroup.controllers"), "memory pids cpu\n");
        Files.writeString(m.resolve("cgroup.subtree_control"), "");
        String escaped = m.toString().replace(" ", "\\040");
        CgroupDetector.Detection d = CgroupDetector.detect("29 25 0:25 / " + escaped + " rw - cgroup2 cgroup2 rw\n");
        assertThat(d.version()).isEqualTo(CgroupVersion.V2);
        assertThat(d.driver().instanceParents()).containsExactly(m.resolve("judge-native"));
    }

    @Test
    void anotherParentIsUsedInEveryHierarchy() throws IOException {
        String info = OTHER + v1("memory", "memory") + v1("pids", "pids") + v1("cpuacct", "cpuacct");
        CgroupDetector.Detection d = CgroupDetector.detect(info, "delegated/judge");
        assertThat(d.driver().instanceParents()).containsExactly(dir.resolve("memory/delegated/judge"),
                dir.resolve("pids/delegated/judge"), dir.resolve("cpuacct/delegated/judge"));
        assertThat(d.detail()).contains("boxes under delegated/judge");
    }

    @Test
    void aParentTheUserCannotWriteIsExplained() throws IOException {
        String v1info = OTHER + v1("memory", "memory") + v1("pids", "pids") + v1("cpuacct", "cpuacct");
        Path delegated = Files.createDirectories(dir.resolve("memory/judge-rootless"));
        // only the delegated directory of the memory hierarchy is the user's
        CgroupDetector.Detection d = CgroupDetector.detect(v1info, "judge-rootless", delegated::equals);
        assertThat(d.version()).isEqualTo(CgroupVersion.NONE);
        assertThat(d.detail()).contains(dir.resolve("pids/judge-rootless") + " is not writable by this user",
                "an administrator must create judge-rootless under each of the memory, pids and cpuacct hierarchies",
                "cgroupParent");
        // a missing parent below a writable directory is fine: the sandbox creates it
        CgroupDetector.Detection nested = CgroupDetector.detect(v1info, "judge-rootless/more",
                p -> p.endsWith("judge-rootless") || p.toString().contains("judge-rootless"));
        assertThat(nested.version()).isEqualTo(CgroupVersion.NONE);
        Files.createDirectories(dir.resolve("pids/judge-rootless"));
        Files.createDirectories(dir.resolve("cpuacct/judge-rootless"));
        assertThat(CgroupDetector.detect(v1info, "judge-rootless/more", p -> p.endsWith("judge-rootless")).version())
                .isEqualTo(CgroupVersion.V1);

        String v2info = OTHER + v2("cpu memory pids");
        CgroupDetector.Detection v2 = CgroupDetector.detect(v2info, "user.slice/judge", p -> false);
        assertThat(v2.version()).isEqualTo(CgroupVersion.NONE);
        assertThat(v2.detail()).contains("not writable by this user", "Delegate=yes", "cgroupParent");
    }

    @Test
    void thisHostIsDetected() {
        CgroupDetector.Detection d = CgroupDetector.detect();
        assertThat(d.detail()).isNotBlank();
        if (d.version() != CgroupVersion.NONE) {
            assertThat(d.driver()).isNotNull();
        }
    }
}
