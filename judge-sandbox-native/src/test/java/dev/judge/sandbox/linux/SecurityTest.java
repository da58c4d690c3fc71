package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Hostile programs. Each case checks what the sandbox reported and that the host is unaffected: no box
 * process survives, nothing outside the box changed, nothing of the host leaked in.
 */
class SecurityTest extends SandboxPerClass {

    SecurityTest() {
        super(2);
    }

    private static Limits limits() {
        return Limits.defaults().withCpuTime(Duration.ofSeconds(1)).withWallTime(Duration.ofSeconds(3))
                .withMemory(ByteSize.ofMiB(64)).withProcesses(16);
    }

    private SandboxResult runC(String source, Limits limits, String... args) {
        List<String> cmd = new ArrayList<>(List.of("./prog"));
        cmd.addAll(List.of(args));
        return sandbox.run(SandboxRequest.of(cmd, limits)
                .withFiles(List.of(SandboxFile.executable("prog", CPrograms.compile(source)))));
    }

    private static String out(SandboxResult r) {
        return new String(r.stdout(), StandardCharsets.UTF_8);
    }

    @Test
    void forkBombEndsAtALimitAndLeavesNothing() {
        SandboxResult r = runC(HostilePrograms.FORK_BOMB, limits());
        // forks refused at the pids limit still charge kernel memory to the box's cgroup, so the bomb may
        // run into its memory limit before its CPU limit; either way it is stopped, and only by a limit
        assertThat(r.termination()).isIn(Termination.CPU_TIME_LIMIT, Termination.WALL_TIME_LIMIT,
                Termination.MEMORY_LIMIT);
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(5));
        assertThat(r.peakMemory()).isLessThanOrEqualTo(ByteSize.ofMiB(64));
        // the host can still start processes
        assertThat(ProcessHandle.current().isAlive()).isTrue();
    }

    @Test
    void threadBombIsCappedByTheProcessLimit() {
        SandboxResult r = runC("""
                #include <pthread.h>
                #include <stdio.h>
                #include <unistd.h>
                static void *idle(void *a) { (void) a; pause(); return NULL; }
                int main(void) {
                    int n = 0; pthread_t t;
                    while (n < 10000 && pthread_create(&t, NULL, idle, NULL) == 0) n++;
                    printf("%d\\n", n);
                    fflush(stdout);
                    _exit(0);
                }
                """, limits().withProcesses(8));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        int threads = Integer.parseInt(out(r).trim());
        assertThat(threads).isBetween(1, 7);
    }

    @Test
    void memoryBombIsAMemoryLimitNotARuntimeError() {
        SandboxResult r = runC(HostilePrograms.MEMORY_BOMB, limits());
        assertThat(r.termination()).isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(r.peakMemory().bytes()).isLessThanOrEqualTo(ByteSize.ofMiB(66).bytes());
    }

    @Test
    void killMinusOneReachesOnlyTheBox() throws Exception {
        // victims on the host run as the very uids the boxes use: only the PID namespace protects them
        List<Process> victims = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            int uid = TestSandboxes.firstUid() + i;
            victims.add(new ProcessBuilder("setpriv", "--reuid=" + uid, "--regid=" + uid, "--clear-groups",
                    "sleep", "30").start());
        }
        try {
            Thread.sleep(100);
            SandboxResult r = runC(HostilePrograms.KILL_EVERY_PROCESS, limits());
            assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
            for (Process v : victims) {
                assertThat(v.isAlive()).as("host process with the box's uid").isTrue();
            }
        } finally {
            for (Process v : victims) {
                v.destroyForcibly();
                v.waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    @Test
    void cannotPtraceItsParentOrInit() {
        SandboxResult r = runC("""
                #include <stdio.h>
                #include <sys/ptrace.h>
                #include <unistd.h>
                int main(void) {
                    long a = ptrace(PTRACE_ATTACH, getppid(), 0, 0);
                    long b = ptrace(PTRACE_ATTACH, 1, 0, 0);
                    long c = ptrace(PTRACE_TRACEME, 0, 0, 0);
                    printf("%ld %ld %ld\\n", a, b, c);
                    return 0;
                }
                """, limits());
        assertThat(r.termination()).isEqualTo(Termination.EXITED);
        assertThat(out(r).trim()).isEqualTo("-1 -1 -1");
    }

    @Test
    void cannotMountUnshareSetuidOrChroot() throws IOException {
        // only mounts on /tmp are compared: the rest of the host's table may change under other work
        long tmpMountsBefore = tmpMounts();
        SandboxResult r = runC(HostilePrograms.PRIVILEGED_CALLS, limits());
        assertThat(r.termination()).isEqualTo(Termination.EXITED);
        int first = TestSandboxes.firstUid();
        assertThat(out(r).trim()).isIn("-1 -1 -1 -1 -1 uid=" + first, "-1 -1 -1 -1 -1 uid=" + (first + 1));
        assertThat(tmpMounts()).isEqualTo(tmpMountsBefore);
    }

    private static long tmpMounts() throws IOException {
        return Files.readAllLines(Path.of("/proc/self/mountinfo")).stream()
                .filter(l -> l.split(" ")[4].equals("/tmp")).count();
    }

    @Test
    void seesNeitherHostSecretsNorTheJudgeFilesNorItsEnvironment() throws IOException {
        Path judgeFile = Path.of(SecurityTest.class.getProtectionDomain().getCodeSource().getLocation().getPath());
        String script = "cat /etc/shadow; cat /proc/1/environ; cat /proc/1/cmdline; ls " + judgeFile + "; "
                + "ls /root /work /tmp/judge-native; cat /proc/self/environ | tr '\\0' '\\n'; env; echo end";
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()));
        String all = out(r) + new String(r.stderr(), StandardCharsets.UTF_8);
        assertThat(out(r)).endsWith("end\n");
        assertThat(all).doesNotContain("root:$", "root:*", "root:!");
        assertThat(out(r)).doesNotContain("judge-native", "JAVA_HOME", "/root", "SecurityTest");
        for (String name : System.getenv().keySet()) {
            if (!List.of("PATH", "HOME", "LANG", "PWD", "SHLVL", "_").contains(name)) {
                assertThat(out(r)).doesNotContain(name + "=");
            }
        }
    }

    @Test
    void cannotWriteOutsideTheBoxAndItsTmpIsPrivate() {
        String marker = "judge-sec-" + ProcessHandle.current().pid();
        String script = "for d in / /etc /usr /usr/bin /dev /proc /sys; do echo x > $d/" + marker
                + " 2>/dev/null && echo wrote-$d; done; echo x > /tmp/" + marker + " && echo tmp-ok; "
                + "echo 1 > /proc/sys/kernel/hostname 2>/dev/null && echo wrote-proc; echo end";
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()));
        assertThat(out(r)).isEqualTo("tmp-ok\nend\n");
        for (String d : List.of("/", "/etc", "/usr", "/usr/bin", "/tmp")) {
            assertThat(Path.of(d, marker)).doesNotExist();
        }
    }

    @Test
    void reachesNoHostLoopbackPortWithOrWithoutNetwork() throws Exception {
        String client = HostilePrograms.LOOPBACK_CLIENT;
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            String port = Integer.toString(server.getLocalPort());
            CompletableFuture<Socket> accepted = CompletableFuture.supplyAsync(() -> {
                try {
                    return server.accept();
                } catch (IOException e) {
                    return null;
                }
            });
            SandboxResult off = runC(client, limits(), port);
            assertThat(out(off).trim()).isIn("no-socket", "refused");
            SandboxResult jvm = sandbox.run(SandboxRequest.of(List.of("./prog", port), limits())
                    .withFiles(List.of(SandboxFile.executable("prog", CPrograms.compile(client)))).withProfile("jvm"));
            assertThat(out(jvm).trim()).as("inet sockets of the jvm profile only reach the box's own loopback")
                    .isEqualTo("refused");
            SandboxResult on = runC(client, limits().withNetwork(true), port);
            assertThat(out(on).trim()).as("with network 127.0.0.1 is still the box's own loopback").isEqualTo("refused");
            assertThat(accepted).isNotDone();
        }
    }

    @Test
    void collectingNeverFollowsLinksFifosOrDevices() {
        String script = "ln -s /etc/passwd a.out; ln -s / b.out; mkdir d.out; ln -s /etc c; mkfifo f.out; "
                + "ln -s /dev/zero z.out; echo real > r.out";
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits())
                .withCollect(List.of("*.out", "c/*")));
        assertThat(r.succeeded()).as(r.message()).isTrue();
        assertThat(r.collected()).extracting(SandboxFile::path).containsExactly("r.out");
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(2));
    }

    @Test
    void outputFloodOnStderrIsCappedToo() {
        Limits l = limits().withOutputSize(ByteSize.ofKiB(256));
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "yes flood >&2"), l));
        assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.outputTruncated()).isTrue();
        assertThat(r.stderr().length).isEqualTo(256 * 1024);
    }

    @Test
    void diskFillStopsAtTheWorkDirSizeAndTheNextRunIsClean() {
        Limits l = limits().withFileSize(ByteSize.ofGiB(2)).withMemory(ByteSize.ofMiB(512))
                .withWallTime(Duration.ofSeconds(10)).withCpuTime(Duration.ofSeconds(5));
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "head -c 1073741824 /dev/zero > fill; echo rc=$?; du -m fill | cut -f1"), l));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(out(r)).startsWith("rc=1\n");
        int mib = Integer.parseInt(out(r).split("\n")[1].trim());
        assertThat(mib).isBetween(200, 257);
        // both slots, so the one that was filled is among them; its files must be gone (and uncharged
        // from its memory cgroup) before the next run's 64 MiB limit is set
        for (int i = 0; i < 2; i++) {
            SandboxResult next = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "ls -A"), limits()));
            assertThat(next.termination()).as(next.message()).isEqualTo(Termination.EXITED);
            assertThat(out(next)).isEmpty();
            assertThat(next.peakMemory().bytes()).isLessThan(ByteSize.ofMiB(16).bytes());
        }
    }

    @Test
    void sleepIsAWallTimeLimitAndSpinIsACpuTimeLimit() {
        Limits l = limits().withCpuTime(Duration.ofMillis(400)).withWallTime(Duration.ofMillis(1200));
        // the spin gets a longer wall limit: on a busy host 400 ms of CPU can take more than 1.2 s
        SandboxResult sleep = runC("""
                #include <unistd.h>
                int main(void) { sleep(10); return 0; }
                """, l);
        assertThat(sleep.termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(sleep.cpuTime()).isLessThan(Duration.ofMillis(100));
        SandboxResult spin = runC("""
                int main(void) { volatile unsigned long x = 0; for (;;) x++; }
                """, l.withWallTime(Duration.ofSeconds(5)));
        assertThat(spin.termination()).as(spin.cpuTime() + " " + spin.wallTime()).isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(spin.cpuTime()).isBetween(Duration.ofMillis(400), Duration.ofMillis(700));
    }

    @Test
    void deepRecursionDiesOfItsStackLimitNotOfMemory() {
        String src = """
                #include <stdio.h>
                #include <stdlib.h>
                static int down(int n) { volatile char pad[1024]; pad[0] = (char) n; return n == 0 ? 0 : down(n - 1) + pad[0]; }
                int main(int argc, char **argv) { (void) argc; printf("%d\\n", down(atoi(argv[1]))); return 0; }
                """;
        Limits l = limits().withMemory(ByteSize.ofMiB(256)).withStack(ByteSize.ofMiB(8));
        SandboxResult deep = runC(src, l, "1000000");
        assertThat(deep.termination()).isEqualTo(Termination.SIGNALED);
        assertThat(deep.signal()).isEqualTo(11);
        SandboxResult fits = runC(src, l.withStack(ByteSize.ofMiB(128)), "50000");
        assertThat(fits.termination()).as("50000 frames fit in a 128 MiB stack").isEqualTo(Termination.EXITED);
    }

    @Test
    void nothingOfARunSurvivesIntoTheNextRunOfTheSameSlot() {
        String leave = "mkdir -p a/b; touch a/b/f .hidden /tmp/t; chmod 000 a; chmod 777 .; "
                + "(sleep 60 &) ; echo left";
        String shm = """
                #include <stdio.h>
                #include <string.h>
                #include <sys/shm.h>
                int main(int argc, char **argv) {
                    (void) argc;
                    int create = !strcmp(argv[1], "create");
                    int id = shmget(4242, 4096, create ? IPC_CREAT | 0600 : 0);
                    printf("%s\\n", id >= 0 ? "present" : "absent");
                    return 0;
                }
                """;
        // two slots take turns, so two runs of each step reach both
        for (int i = 0; i < 2; i++) {
            assertThat(out(sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", leave), limits())))).isEqualTo("left\n");
            assertThat(out(runC(shm, limits(), "create"))).isEqualTo("present\n");
        }
        for (int i = 0; i < 2; i++) {
            SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                    "ls -A . /tmp; stat -c %a .; ps -e -o pid= | wc -l"), limits()));
            // the box's init is there too, but /proc hides it from the run
            assertThat(out(r)).as("listing, mode of the work dir, processes (sh, ps, wc)")
                    .isEqualTo(".:\n\n/tmp:\n755\n3\n");
            assertThat(out(runC(shm, limits(), "check"))).isEqualTo("absent\n");
        }
    }

    @Test
    void inheritsNoDescriptorOfTheHelper() {
        SandboxResult r = runC("""
                #include <dirent.h>
                #include <stdio.h>
                int main(void) {
                    DIR *d = opendir("/proc/self/fd");
                    struct dirent *e;
                    int n = 0;
                    while ((e = readdir(d)) != NULL) if (e->d_name[0] != '.') n++;
                    printf("%d\\n", n - 1); /* minus the fd of the listing itself */
                    return 0;
                }
                """, limits());
        assertThat(out(r)).isEqualTo("3\n");
    }

    @Test
    void runsInAUserNamespaceThatMapsOnlyItsOwnUid() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c",
                "cat /proc/self/uid_map /proc/self/gid_map; stat -c %u /usr"), limits()));
        String[] lines = out(r).trim().split("\n");
        assertThat(lines).hasSize(3);
        int first = TestSandboxes.firstUid();
        for (int i = 0; i < 2; i++) {
            String[] f = lines[i].trim().split("\\s+");
            assertThat(f).as(lines[i]).hasSize(3);
            assertThat(f[0]).isEqualTo(f[1]).isIn(Integer.toString(first), Integer.toString(first + 1));
            assertThat(f[2]).isEqualTo("1");
        }
        assertThat(lines[2]).as("root is not mapped in the box").isEqualTo("65534");
    }
}
