package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class LimitsTest {

    @Test
    void defaultsAreValidAndWithersChangeOneField() {
        Limits l = Limits.defaults().withCpuTime(Duration.ofMillis(500)).withMemory(ByteSize.ofMiB(64));
        assertThat(l.cpuTime()).isEqualTo(Duration.ofMillis(500));
        assertThat(l.memory()).isEqualTo(ByteSize.ofMiB(64));
        assertThat(l.wallTime()).isEqualTo(Limits.defaults().wallTime());
        assertThat(l.network()).isFalse();
    }

    @Test
    void outOfRangeValuesNameTheField() {
        assertField(() -> Limits.defaults().withCpuTime(Duration.ZERO), "limits.cpuTime");
        assertField(() -> Limits.defaults().withWallTime(Duration.ofHours(1)), "limits.wallTime");
        assertField(() -> Limits.defaults().withMemory(ByteSize.ofKiB(10)), "limits.memory");
        assertField(() -> Limits.defaults().withProcesses(0), "limits.processes");
        assertField(() -> Limits.defaults().withOpenFiles(1), "limits.openFiles");
        assertField(() -> Limits.defaults().withStack(ByteSize.ofBytes(10)), "limits.stack");
        assertField(() -> Limits.defaults().withOutputSize(ByteSize.ZERO), "limits.outputSize");
        assertField(() -> Limits.defaults().withCpuTime(null), "limits.cpuTime");
    }

    private static void assertField(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(InvalidSubmissionException.class,
                e -> assertThat(e.field()).isEqualTo(field));
    }
}
