package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Hostile programs against what separates one run from the next and from the host: the work dir itself
 * (its ACLs, extended attributes and timestamps), /proc and /proc/self/cgroup, and the number of files a run
 * may leave for the judge to walk.
 */
class BoxIsolationSecurityTest extends SandboxPerClass {

    BoxIsolationSecurityTest() {
        super(2);
    }

    private static Limits limits() {
        return Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withWallTime(Duration.ofSeconds(5))
                .withMemory(ByteSize.ofMiB(64)).withProcesses(16);
    }

    private SandboxResult runC(String source, Limits limits, List<String> collect, String... args) {
        List<String> cmd = new ArrayList<>(List.of("./prog"));
        cmd.addAll(List.of(args));
        return sandbox.run(SandboxRequest.of(cmd, limits)
                .withFiles(List.of(SandboxFile.executable("prog", CPrograms.compile(source)))).withCollect(collect));
    }

    private static String out(SandboxResult r) {
        return new String(r.stdout(), StandardCharsets.UTF_8);
    }

    /**
     * "set" leaves a default ACL that denies everything to new files' owners, a user.* attribute and a
     * timestamp on the work dir (the program's own file goes first, so the directory is as the next run would
     * find it), and tries the same on /tmp; "check" reports what it finds of them and the mode a new directory gets.
     */
    private static final String WORK_DIR_MARKS = """
            #include <errno.h>
            #include <stdint.h>
            #include <stdio.h>
            #include <string.h>
            #include <fcntl.h>
            #include <sys/stat.h>
            #include <sys/xattr.h>
            #include <unistd.h>
            #define MARK 1000000000
            int main(int argc, char **argv) {
                (void) argc;
                if (!strcmp(argv[1], "set")) {
                    unlink("prog");
                    /* posix_acl_xattr: version 2, then (tag, perm, id): USER_OBJ, GROUP_OBJ, OTHER, all 0 */
                    struct { uint32_t version; struct { uint16_t tag, perm; uint32_t id; } e[3]; } acl =
                        {2, {{0x01, 0, 0}, {0x04, 0, 0}, {0x20, 0, 0}}};
                    int a = setxattr(".", "system.posix_acl_default", &acl, sizeof acl, 0);
                    int x = setxattr(".", "user.judge-mark", "secret", 6, 0);
                    struct timespec t[2] = {{MARK, 0}, {MARK, 0}};
                    int u = utimensat(AT_FDCWD, ".", t, 0);
                    /* /tmp is root's and sticky: none of these may work there (it is emptied, not replaced) */
                    int ta = setxattr("/tmp", "system.posix_acl_default", &acl, sizeof acl, 0);
                    int tx = setxattr("/tmp", "user.judge-mark", "secret", 6, 0);
                    int tu = utimensat(AT_FDCWD, "/tmp", t, 0);
                    printf("acl=%d xattr=%d time=%d tmp=%d,%d,%d\\n", a, x, u, ta, tx, tu);
                    return 0;
                }
                char v[64];
                ssize_t a = getxattr(".", "system.posix_acl_default", v, sizeof v);
                ssize_t x = getxattr(".", "user.judge-mark", v, sizeof v);
                struct stat st;
                stat(".", &st);
                int marked = st.st_mtime == MARK || st.st_atime == MARK;
                struct stat d;
                int m = mkdir("made", 0777) == 0 && stat("made", &d) == 0 ? (int) (d.st_mode & 0777) : -1;
                printf("acl=%s xattr=%s time=%s mkdir=%o\\n", a < 0 ? "none" : "present", x < 0 ? "none" : "present",
                       marked ? "marked" : "fresh", m);
                return 0;
            }
            """;

    @Test
    void aRunLeavesNoAclAttributeOrTimestampOnTheWorkDirForTheNextRun() {
        // two slots take turns, so two runs of each step reach both
        for (int i = 0; i < 2; i++) {
            SandboxResult set = runC(WORK_DIR_MARKS, limits(), List.of(), "set");
            assertThat(out(set)).as(set.message() + new String(set.stderr(), StandardCharsets.UTF_8))
                    .isEqualTo("acl=0 xattr=0 time=0 tmp=-1,-1,-1\n");
        }
        for (int i = 0; i < 2; i++) {
            SandboxResult check = runC(WORK_DIR_MARKS, limits(), List.of(), "check");
            assertThat(out(check)).as(check.message()).isEqualTo("acl=none xattr=none time=fresh mkdir=755\n");
        }
    }

    @Test
    void procShowsNoCgroupPathNoInitAndNoForeignProcess() {
        String script = "echo cgroup:; cat /proc/self/cgroup; echo pids:; "
                + "for p in /proc/[0-9]*; do stat -c '%n %u' $p; done; echo init:; "
                + "cat /proc/1/cmdline /proc/1/status /proc/1/cgroup /proc/1/environ 2>/dev/null; echo end";
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        String o = out(r);
        String cgroup = o.substring(o.indexOf("cgroup:\n") + 8, o.indexOf("pids:\n"));
        assertThat(cgroup.lines().toList()).as(o).isNotEmpty()
                .allSatisfy(l -> assertThat(l).as("a cgroup line shows only the namespace's root").endsWith(":/"));
        assertThat(o).doesNotContain("judge-native", Long.toString(ProcessHandle.current().pid()));
        List<String> pids = o.substring(o.indexOf("pids:\n") + 6, o.indexOf("init:\n")).lines().toList();
        int first = TestSandboxes.firstUid();
        assertThat(pids).as("the run's own processes (sh and stat), nothing else").isNotEmpty()
                .allSatisfy(l -> assertThat(Arrays.asList(Integer.toString(first), Integer.toString(first + 1)))
                        .contains(l.split(" ")[1]))
                .noneMatch(l -> l.startsWith("/proc/1 "));
        assertThat(o.substring(o.indexOf("init:\n") + 6)).as("nothing of the box's init").isEqualTo("end\n");
    }

    /** Creates empty files until refused, then a tree 40 directories deep; prints the count and errno. */
    private static final String INODE_FLOOD = """
            #include <errno.h>
            #include <stdio.h>
            #include <string.h>
            #include <fcntl.h>
            #include <sys/stat.h>
            #include <unistd.h>
            int main(void) {
                char name[32];
                int n = 0, e = 0;
                for (; n < 300000; n++) {
                    snprintf(name, sizeof name, "f%d.out", n);
                    int fd = open(name, O_CREAT | O_WRONLY, 0644);
                    if (fd < 0) { e = errno; break; }
                    close(fd);
                }
                printf("%d %s\\n", n, e ? strerror(e) : "none");
                fflush(stdout);
                /* make room for a deep tree, which the collection must not follow to its end */
                for (int i = 0; i < 100; i++) { snprintf(name, sizeof name, "f%d.out", i); unlink(name); }
                for (int i = 0; i < 40 && mkdir("d", 0755) == 0 && chdir("d") == 0; i++) {}
                return 0;
            }
            """;

    @Test
    void anInodeFloodStopsAtTheCapAndTheCollectionStaysWithinItsBudget() {
        Limits l = limits().withMemory(ByteSize.ofMiB(512)).withCpuTime(Duration.ofSeconds(10))
                .withWallTime(Duration.ofSeconds(20));
        SandboxResult r = runC(INODE_FLOOD, l, List.of("*.out", "d/**"));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        String[] made = out(r).trim().split(" ", 2);
        assertThat(Integer.parseInt(made[0])).as("files the work dir took before it ran out of inodes")
                .isBetween(1000, 40_000);
        assertThat(made[1]).isEqualTo("No space left on device");
        assertThat(r.collected().size()).isLessThanOrEqualTo(10_000);
        assertThat(new String(r.stderr(), StandardCharsets.UTF_8))
                .contains("judge: collecting output files stopped after looking at 10000 entries");
        // the next runs of both slots start from an empty work dir, quickly
        for (int i = 0; i < 2; i++) {
            SandboxResult next = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "ls -A | wc -l"), limits()));
            assertThat(out(next)).isEqualTo("0\n");
            assertThat(next.wallTime()).isLessThan(Duration.ofSeconds(1));
        }
    }
}
