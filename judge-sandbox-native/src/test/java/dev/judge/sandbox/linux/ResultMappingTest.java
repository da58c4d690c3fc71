package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.sandbox.Termination;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How the helper's report and the cgroup's figures become a termination. */
class ResultMappingTest {
    private static final Limits LIMITS = Limits.defaults().withCpuTime(Duration.ofSeconds(1))
            .withMemory(ByteSize.ofMiB(64));

    private static Helper.Response resp(int flags, int waitStatus) {
        return new Helper.Response(null, flags, waitStatus, 0, 5_000_000L, 0L, 1_000_000L, 1 << 20,
                "o".getBytes(), new byte[0], List.of(), null);
    }

    private static CgroupUsage usage(long cpuMs, long oomKills) {
        return new CgroupUsage(cpuMs * 1_000_000L, 10L << 20, oomKills, oomKills);
    }

    @Test
    void exitCodeAndSignalAreDecodedFromTheWaitStatus() {
        SandboxResult exited = ResultDecoder.decode(LIMITS, "p", resp(0, 3 << 8), usage(10, 0));
        assertThat(exited.termination()).isEqualTo(Termination.EXITED);
        assertThat(exited.exitCode()).isEqualTo(3);
        assertThat(exited.signal()).isZero();
        SandboxResult segv = ResultDecoder.decode(LIMITS, "p", resp(0, 11), usage(10, 0));
        assertThat(segv.termination()).isEqualTo(Termination.SIGNALED);
        assertThat(segv.signal()).isEqualTo(11);
        assertThat(segv.exitCode()).isEqualTo(-1);
    }

    @Test
    void anOomKillIsAMemoryLimitNeverASignal() {
        SandboxResult r = ResultDecoder.decode(LIMITS, "p", resp(0, 9), usage(10, 1));
        assertThat(r.termination()).isEqualTo(Termination.MEMORY_LIMIT);
    }

    @Test
    void cpuOverTheLimitWinsOverTheWallClock() {
        SandboxResult r = ResultDecoder.decode(LIMITS, "p", resp(Helper.RES_WALL_KILLED | Helper.RES_NO_STATUS, 0),
                usage(1200, 0));
        assertThat(r.termination()).isEqualTo(Termination.CPU_TIME_LIMIT);
        SandboxResult sleep = ResultDecoder.decode(LIMITS, "p",
                resp(Helper.RES_WALL_KILLED | Helper.RES_NO_STATUS, 0), usage(5, 0));
        assertThat(sleep.termination()).isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(sleep.signal()).isEqualTo(9);
    }

    @Test
    void sigxcpuIsACpuLimitAndSigxfszOrABigFileIsAnOutputLimit() {
        assertThat(ResultDecoder.decode(LIMITS, "p", resp(0, 24), usage(990, 0)).termination())
                .isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(ResultDecoder.decode(LIMITS, "p", resp(0, 25), usage(10, 0)).termination())
                .isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(ResultDecoder.decode(LIMITS, "p", resp(Helper.RES_FILE_LIMIT, 153 << 8), usage(10, 0))
                .termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        SandboxResult flood = ResultDecoder.decode(LIMITS, "p", resp(Helper.RES_OUTPUT_EXCEEDED | Helper.RES_NO_STATUS, 0),
                usage(10, 0));
        assertThat(flood.termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(flood.outputTruncated()).isTrue();
    }

    @Test
    void aCommandThatCannotBeExecutedExitsWith127AndSaysWhy() {
        Helper.Response r = new Helper.Response(null, Helper.RES_EXEC_FAILED, 127 << 8, 2, 1, 0, 1, 1, new byte[0],
                new byte[0], List.of(), null);
        SandboxResult res = ResultDecoder.decode(LIMITS, "nosuch", r, usage(1, 0));
        assertThat(res.termination()).isEqualTo(Termination.EXITED);
        assertThat(res.exitCode()).isEqualTo(127);
        assertThat(new String(res.stderr())).contains("nosuch").contains("No such file or directory");
    }

    @Test
    void withoutACgroupRusageIsUsed() {
        SandboxResult r = ResultDecoder.decode(LIMITS, "p", resp(0, 0), null);
        assertThat(r.cpuTime()).isEqualTo(Duration.ofMillis(1));
        assertThat(r.peakMemory()).isEqualTo(ByteSize.ofMiB(1));
        assertThat(r.wallTime()).isEqualTo(Duration.ofMillis(5));
    }
}
