package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The CPU list format, the box-to-CPU rule and the builder's checks. */
class CpuPlacementTest {
    @Test
    void parsesTheKernelsListFormat() {
        assertThat(CpuPlacement.parseList("0-3,8,10-11\n")).containsExactly(0, 1, 2, 3, 8, 10, 11);
        assertThat(CpuPlacement.parseList(" 5 ")).containsExactly(5);
        assertThat(CpuPlacement.parseList("")).isEmpty();
        assertThatThrownBy(() -> CpuPlacement.parseList("3-1")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CpuPlacement.parseList("a")).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void boxesTakeTheCpusInOrderAndShareThemRoundRobinWhenMore() {
        CpuPlacement p = new CpuPlacement(List.of(2, 5, 7));
        assertThat(List.of(p.cpuOf(0), p.cpuOf(1), p.cpuOf(2), p.cpuOf(3), p.cpuOf(4))).containsExactly(2, 5, 7, 2, 5);
        assertThat(p.shared(3)).isFalse();
        assertThat(p.shared(4)).isTrue();
    }

    @Test
    void thisProcessMayUseAtLeastOneCpuAndThatIsTheBuildersDefault() {
        CpuPlacement mine = CpuPlacement.ofThisProcess();
        assertThat(mine.cpus()).isNotEmpty().allMatch(c -> c < Runtime.getRuntime().availableProcessors() * 64);
        assertThat(mine.within(mine)).isTrue();
    }

    @Test
    void theBuilderRefusesAnEmptyRepeatedOrForeignCpuList() {
        NativeSandbox.Builder b = NativeSandbox.builder();
        assertThatThrownBy(() -> b.cpus(List.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least one CPU");
        int first = CpuPlacement.ofThisProcess().cpus().get(0);
        assertThatThrownBy(() -> b.cpus(List.of(first, first))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("distinct");
        assertThatThrownBy(() -> b.cpus(List.of(-1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> b.cpus(List.of(8000))).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("may use");
        assertThat(b.cpus(List.of(first))).isSameAs(b);
    }
}
