package dev.judge.core.sandbox;

import static dev.judge.core.sandbox.TerminationRule.Limit.CPU_TIME;
import static dev.judge.core.sandbox.TerminationRule.Limit.FILE_SIZE;
import static dev.judge.core.sandbox.TerminationRule.Limit.MEMORY;
import static dev.judge.core.sandbox.TerminationRule.Limit.OUTPUT;
import static dev.judge.core.sandbox.TerminationRule.Limit.WALL_TIME;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class TerminationRuleTest {
    private static final TerminationRule MEMORY_FIRST = TerminationRule.checking(OUTPUT, FILE_SIZE, MEMORY,
            CPU_TIME, WALL_TIME);
    private static final TerminationRule TIME_FIRST = TerminationRule.checking(OUTPUT, CPU_TIME, WALL_TIME,
            MEMORY, FILE_SIZE);
    private static final Duration LIMIT = Duration.ofSeconds(1);

    @Test
    void withoutEvidenceOfALimitTheExitStatusDecides() {
        assertThat(MEMORY_FIRST.evidence(ExitStatus.exited(3)).cpuTime(Duration.ofMillis(10), LIMIT).termination())
                .isEqualTo(Termination.EXITED);
        assertThat(MEMORY_FIRST.evidence(ExitStatus.killedBy(11)).termination()).isEqualTo(Termination.SIGNALED);
        assertThat(TIME_FIRST.evidence(ExitStatus.killedBy(ExitStatus.SIGKILL)).termination())
                .isEqualTo(Termination.SIGNALED);
    }

    @Test
    void sigxcpuIsACpuTimeLimitAndSigxfszAFileSizeLimit() {
        assertThat(MEMORY_FIRST.evidence(ExitStatus.killedBy(ExitStatus.SIGXCPU)).termination())
                .isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(TIME_FIRST.evidence(ExitStatus.killedBy(ExitStatus.SIGXFSZ)).termination())
                .isEqualTo(Termination.OUTPUT_LIMIT);
    }

    @Test
    void cpuTimeCountsOnlyOverTheLimit() {
        assertThat(MEMORY_FIRST.evidence(ExitStatus.exited(0)).cpuTime(LIMIT, LIMIT).termination())
                .isEqualTo(Termination.EXITED);
        assertThat(MEMORY_FIRST.evidence(ExitStatus.exited(0)).cpuTime(LIMIT.plusNanos(1), LIMIT).termination())
                .isEqualTo(Termination.CPU_TIME_LIMIT);
    }

    @Test
    void eachPieceOfEvidenceAloneNamesItsLimit() {
        ExitStatus killed = ExitStatus.killedBy(ExitStatus.SIGKILL);
        assertThat(TIME_FIRST.evidence(killed).outputExceeded(true).termination()).isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(TIME_FIRST.evidence(ExitStatus.exited(0)).fileSizeExceeded(true).termination())
                .isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(TIME_FIRST.evidence(killed).memoryLimitHit(true).termination()).isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(TIME_FIRST.evidence(killed).cpuLimitKilled(true).termination())
                .isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(TIME_FIRST.evidence(killed).wallLimitKilled(true).termination())
                .isEqualTo(Termination.WALL_TIME_LIMIT);
    }

    @Test
    void whenTheEvidenceNamesSeveralLimitsTheOrderDecides() {
        ExitStatus killed = ExitStatus.killedBy(ExitStatus.SIGKILL);
        assertThat(MEMORY_FIRST.evidence(killed).memoryLimitHit(true).wallLimitKilled(true).termination())
                .isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(TIME_FIRST.evidence(killed).memoryLimitHit(true).wallLimitKilled(true).termination())
                .isEqualTo(Termination.WALL_TIME_LIMIT);
        assertThat(MEMORY_FIRST.evidence(ExitStatus.killedBy(ExitStatus.SIGXFSZ)).memoryLimitHit(true).termination())
                .isEqualTo(Termination.OUTPUT_LIMIT);
        assertThat(TIME_FIRST.evidence(ExitStatus.killedBy(ExitStatus.SIGXFSZ)).memoryLimitHit(true).termination())
                .isEqualTo(Termination.MEMORY_LIMIT);
        assertThat(MEMORY_FIRST.evidence(killed).cpuLimitKilled(true).wallLimitKilled(true).termination())
                .isEqualTo(Termination.CPU_TIME_LIMIT);
        assertThat(TIME_FIRST.evidence(killed).outputExceeded(true).cpuLimitKilled(true).termination())
                .isEqualTo(Termination.OUTPUT_LIMIT);
    }

    @Test
    void theOrderNamesEveryLimitOnce() {
        assertThat(TIME_FIRST.order()).containsExactly(OUTPUT, CPU_TIME, WALL_TIME, MEMORY, FILE_SIZE);
        assertThatThrownBy(() -> TerminationRule.checking(OUTPUT, MEMORY, CPU_TIME, WALL_TIME))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("every limit once");
        assertThatThrownBy(() -> TerminationRule.checking(OUTPUT, MEMORY, MEMORY, CPU_TIME, WALL_TIME))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> TerminationRule.checking()).isInstanceOf(IllegalArgumentException.class);
    }
}
