package dev.judge.core.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The test sandbox must report honestly what the pipeline maps to verdicts. */
class ProcessSandboxTest {
    private static ProcessSandbox sandbox;
    private static final Limits LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(2))
            .withWallTime(Duration.ofSeconds(5));

    @BeforeAll
    static void open() {
        RequiredParts.require(ProcessSandbox.usable(), "/usr/bin/time and /usr/bin/prlimit");
        sandbox = new ProcessSandbox();
    }

    @AfterAll
    static void close() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    private static SandboxResult sh(String script, Limits limits) {
        return sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", script), limits));
    }

    private static String text(byte[] b) {
        return new String(b, StandardCharsets.UTF_8);
    }

    @Test
    void exitCodeStdoutStderrAndStdin() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sh", "-c", "cat; echo err >&2; exit 3"), LIMITS)
                .withStdin("in\n".getBytes(StandardCharsets.UTF_8)));
        assertThat(r.termination()).as(r.message()).isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).isEqualTo(3);
        assertThat(text(r.stdout())).isEqualTo("in\n");
        assertThat(text(r.stderr())).isEqualTo("err\n");
        assertThat(r.peakMemory().bytes()).isPositive();
    }

    @Test
    void signal() {
        SandboxResult r = sh("kill -SEGV $$", LIMITS);
        assertThat(r.termination()).isEqualTo(Termination.SIGNALED);
        assertThat(r.signal()).isEqualTo(11);
    }

    // A wall limit far past the CPU limit: on a loaded host the spin gets a fraction of a core.
    @Test
    void cpuLimitStopsASpin() {
        SandboxResult r = sh("while :; do :; done", LIMITS.withCpuTime(Duration.ofSeconds(1))
                .withWallTime(Duration.ofSeconds(20)));
        assertThat(r.termination()).isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(r.cpuTime()).isBetween(Duration.ofMillis(900), Duration.ofMillis(2500));
    }

    @Test
    void wallLimitKillsASleeper() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/bin/sleep", "30"),
                LIMITS.withWallTime(Duration.ofMillis(500))));
        assertThat(r.termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.wallTime()).isBetween(Duration.ofMillis(450), Duration.ofSeconds(3));
    }

    @Test
    void outputLimit() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("/usr/bin/yes"),
                LIMITS.withOutputSize(ByteSize.ofKiB(64)).withFileSize(ByteSize.ofMiB(1))));
        assertThat(r.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(r.stdout()).hasSize(64 * 1024);
        assertThat(r.outputTruncated()).isTrue();
    }

    @Test
    void filesInCollectOutAndAFreshDirEachRun() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("./run.sh"), LIMITS)
                .withFiles(List.of(SandboxFile.executable("run.sh",
                        "#!/bin/sh\ncat in.txt > a.out\nln -s /etc/passwd b.out\n".getBytes(StandardCharsets.UTF_8)),
                        SandboxFile.of("in.txt", "x".getBytes(StandardCharsets.UTF_8))))
                .withCollect(List.of("*.out")));
        assertThat(r.succeeded()).as(text(r.stderr())).isTrue();
        assertThat(r.collected()).extracting(SandboxFile::path).containsExactly("a.out");
        assertThat(sh("test ! -e a.out", LIMITS).succeeded()).isTrue();
    }

    @Test
    void aMissingProgramExitsWith127() {
        SandboxResult r = sandbox.run(SandboxRequest.of(List.of("no-such-program-here"), LIMITS));
        assertThat(r.termination()).isEqualTo(Termination.EXITED);
        assertThat(r.exitCode()).isEqualTo(127);
    }

    @Test
    void aPairTalksThroughTwoPipesAndKeepsEachStderr() {
        // The program asks, the peer answers with the question doubled; each notes what it heard on stderr.
        SandboxRequest program = SandboxRequest.of(List.of("/bin/sh", "-c",
                "echo 21; read answer; echo \"heard $answer\" >&2"), LIMITS);
        SandboxRequest peer = SandboxRequest.of(List.of("/bin/sh", "-c",
                "read q; echo $((q * 2)); echo \"asked $q\" >&2; echo left > note.txt"), LIMITS)
                .withCollect(List.of("note.txt"));
        PairResult r = sandbox.runPair(program, peer);
        assertThat(r.program().termination()).as(r.program().message()).isEqualTo(Termination.EXITED);
        assertThat(text(r.program().stderr())).isEqualTo("heard 42\n");
        assertThat(text(r.peer().stderr())).isEqualTo("asked 21\n");
        assertThat(r.peer().collected()).extracting(SandboxFile::path).containsExactly("note.txt");
    }

    @Test
    void whoEndedFirstAndTheBrokenPipeOfTheOneLeft() {
        // The peer hangs up at once; the program's writes then break the pipe.
        SandboxRequest program = SandboxRequest.of(List.of("/bin/sh", "-c",
                "sleep 0.3; while :; do echo x || exit 7; done"), LIMITS);
        SandboxRequest peer = SandboxRequest.of(List.of("/bin/sh", "-c", "exit 43"), LIMITS);
        PairResult r = sandbox.runPair(program, peer);
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PEER);
        assertThat(r.peer().exitCode()).isEqualTo(43);
        // A shell builtin's write error: exit 7 after EPIPE, or SIGPIPE if the shell lets the signal kill it.
        assertThat(r.program().exitCode() == 7 || r.program().signal() == 13).as(r.program().toString()).isTrue();
    }

    @Test
    void aDeadlockedPairEndsAtEachSidesWallTime() {
        SandboxRequest program = SandboxRequest.of(List.of("/bin/sh", "-c", "read x"),
                LIMITS.withWallTime(Duration.ofMillis(500)));
        SandboxRequest peer = SandboxRequest.of(List.of("/bin/sh", "-c", "read y; exit 43"), LIMITS);
        PairResult r = sandbox.runPair(program, peer);
        assertThat(r.program().termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(r.endedFirst()).isEqualTo(PairResult.Side.PROGRAM);
        assertThat(r.peer().exitCode()).as("the peer read end of file once the program was gone").isEqualTo(43);
    }
}
