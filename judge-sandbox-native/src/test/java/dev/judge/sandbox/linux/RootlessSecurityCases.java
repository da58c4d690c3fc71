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
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * Hostile programs against a rootless sandbox, run by RootlessChild as the judge's unprivileged user:
 * besides the box's own limits, nothing of the judge (its processes, its files) may be reached.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class RootlessSecurityCases {
    private static final String SECRET = "judge-secret-" + ProcessHandle.current().pid();
    private NativeSandbox sandbox;

    @BeforeAll
    void open() throws IOException {
        Path files = RootlessSandboxes.judgeFiles();
        Files.writeString(files.resolve("secret"), SECRET);
        Files.setPosixFilePermissions(files.resolve("secret"), PosixFilePermissions.fromString("rw-------"));
        sandbox = RootlessSandboxes.start();
    }

    @AfterAll
    void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @AfterEach
    void noBoxProcessSurvives() throws InterruptedException {
        for (int i = 0; i < 50 && !RootlessSandboxes.boxProcesses().isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(RootlessSandboxes.boxProcesses()).as("box processes left on the host").isEmpty();
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

    private SandboxResult sh(String script) {
        return sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits()));
    }

    private static String out(SandboxResult r) {
        return new String(r.stdout(), StandardCharsets.UTF_8);
    }

    @Test
    void theDoctorReportsRootlessMode() {
        DoctorReport report = sandbox.report();
        assertThat(report.root()).isFalse();
        assertThat(report.protection("rootless")).get().satisfies(p -> {
            assertThat(p.active()).isTrue();
            assertThat(p.detail()).contains("-> 0", "host uids " + RootlessSandboxes.mapping().hostUid(0));
        });
        assertThat(report.missing()).isEmpty();
    }

    @Test
    void boxesRunAsSubordinateHostUidsNeverAsTheJudge() throws Exception {
        CompletableFuture<SandboxResult> run = CompletableFuture.supplyAsync(() -> sh("sleep 2"));
        List<Long> seen = List.of();
        for (int i = 0; i < 200 && seen.isEmpty(); i++) {
            Thread.sleep(10);
            seen = RootlessSandboxes.boxProcesses();
        }
        assertThat(seen).as("a box process under a subordinate host uid").isNotEmpty();
        long own = Long.parseLong(Files.readAllLines(Path.of("/proc/self/status")).stream()
                .filter(l -> l.startsWith("Uid:")).findFirst().orElseThrow().split("\\s+")[1]);
        assertThat(RootlessSandboxes.mapping().hostUid(0)).isNotEqualTo(own);
        assertThat(RootlessSandboxes.mapping().hostUid(1)).isNotEqualTo(own);
        assertThat(run.get(10, TimeUnit.SECONDS).termination()).isEqualTo(Termination.EXITED);
    }

    @Test
    void forkBombEndsAtALimit() {
        SandboxResult r = runC(HostilePrograms.FORK_BOMB, limits());
        assertThat(r.termination()).isIn(Termination.CPU_TIME_LIMIT, Termination.WALL_TIME_LIMIT,
                Termination.MEMORY_LIMIT);
        assertThat(r.wallTime()).isLessThan(Duration.ofSeconds(5));
        assertThat(r.peakMemory()).isLessThanOrEqualTo(ByteSize.ofMiB(64));
    }

    @Test
    void killMinusOneSparesTheJudgesProcesses() throws Exception {
        // a process of the judge's own user: signalling it would need the box to be the judge
        Process judgeProcess = new ProcessBuilder("sleep", "30").start();
        try {
            SandboxResult r = runC(HostilePrograms.KILL_EVERY_PROCESS, limits());
            assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
            assertThat(judgeProcess.isAlive()).isTrue();
            assertThat(ProcessHandle.current().isAlive()).isTrue();
        } finally {
            judgeProcess.destroyForcibly();
            judgeProcess.waitFor(5, TimeUnit.SECONDS);
        }
    }

    @Test
    void cannotReadOrChangeTheJudgesFiles() {
        Path files = RootlessSandboxes.judgeFiles();
        SandboxResult r = sh("cat " + files + "/secret; echo x > " + files + "/secret && echo wrote; "
                + "echo x > " + files + "/new && echo created; chmod 644 " + files + "/secret && echo chmod; echo end");
        assertThat(out(r)).isEqualTo("end\n");
        assertThat(out(r) + new String(r.stderr(), StandardCharsets.UTF_8)).doesNotContain(SECRET);
        assertThat(files.resolve("new")).doesNotExist();
    }

    @Test
    void cannotWriteOutsideTheBox() {
        String marker = "judge-rootless-" + ProcessHandle.current().pid();
        String script = "for d in / /etc /usr /usr/bin /dev /proc /sys; do echo x > $d/" + marker
                + " 2>/dev/null && echo wrote-$d; done; echo x > /tmp/" + marker + " && echo tmp-ok; echo end";
        SandboxResult r = sh(script);
        assertThat(out(r)).isEqualTo("tmp-ok\nend\n");
        for (String d : List.of("/etc", "/usr", "/usr/bin", "/tmp")) {
            assertThat(Path.of(d, marker)).doesNotExist();
        }
    }

    @Test
    void cannotMountUnshareSetuidOrChroot() {
        SandboxResult r = runC(HostilePrograms.PRIVILEGED_CALLS, limits());
        assertThat(r.termination()).isEqualTo(Termination.EXITED);
        int first = RootlessSandboxes.firstUid();
        assertThat(out(r).trim()).isIn("-1 -1 -1 -1 -1 uid=" + first, "-1 -1 -1 -1 -1 uid=" + (first + 1));
    }

    @Test
    void reachesNoLoopbackPortOfTheHostAndNetworkIsRefused() throws Exception {
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
            assertThat(out(runC(client, limits(), port)).trim()).isIn("no-socket", "refused");
            SandboxResult jvm = sandbox.run(SandboxRequest.of(List.of("./prog", port), limits())
                    .withFiles(List.of(SandboxFile.executable("prog", CPrograms.compile(client)))).withProfile("jvm"));
            assertThat(out(jvm).trim()).isEqualTo("refused");
            SandboxResult on = runC(client, limits().withNetwork(true), port);
            assertThat(on.termination()).isEqualTo(Termination.SANDBOX_FAILURE);
            assertThat(on.message()).contains("network access is not available to a rootless native sandbox");
            assertThat(sandbox.givesNetwork()).as("a rootless sandbox says so").isFalse();
            assertThat(accepted).isNotDone();
        }
    }

    @Test
    void memoryBombIsAMemoryLimit() {
        SandboxResult r = runC(HostilePrograms.MEMORY_BOMB, limits());
        assertThat(r.termination()).isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(r.peakMemory().bytes()).isLessThanOrEqualTo(ByteSize.ofMiB(66).bytes());
    }

    @Test
    void spinIsACpuTimeLimit() {
        SandboxResult r = runC("int main(void) { for (;;) {} }", limits());
        assertThat(r.termination()).isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(r.cpuTime()).isGreaterThanOrEqualTo(Duration.ofMillis(900));
    }
}
