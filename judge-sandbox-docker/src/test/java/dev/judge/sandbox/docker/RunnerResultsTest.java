package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.Termination;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RunnerResultsTest {
    private static RunnerProtocol.Response exited(String reason, int truncated) {
        Map<String, String> result = new HashMap<>(Map.of("exited", "1", "exit", "0", "signal", "0",
                "cpu_us", "1000", "wall_us", "16000", "maxrss_kb", "1024", "oom", "0", "fsize", "0",
                "exec_errno", "0", "end_us", "1"));
        result.put("reason", reason);
        result.put("truncated", String.valueOf(truncated));
        return new RunnerProtocol.Response(new byte[0], new byte[0], List.of(), result);
    }

    @Test
    void outputCutAfterTheRunEndedIsStillTheOutputLimit() {
        // the run wrote its last bytes into the pipe and exited before the runner read past the cap
        assertThat(RunnerResults.decode(Limits.defaults(), "sh", exited("none", 1)).result().termination())
                .isEqualTo(Termination.OUTPUT_LIMIT);
    }

    @Test
    void outputWithinTheCapIsANormalExit() {
        assertThat(RunnerResults.decode(Limits.defaults(), "sh", exited("none", 0)).result().termination())
                .isEqualTo(Termination.EXITED);
    }
}
