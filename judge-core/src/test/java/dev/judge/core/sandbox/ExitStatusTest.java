package dev.judge.core.sandbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ExitStatusTest {

    @Test
    void aWaitStatusIsAnExitCodeInTheSecondByteOrASignalInTheLowBits() {
        assertThat(ExitStatus.fromWaitStatus(0)).isEqualTo(ExitStatus.exited(0));
        assertThat(ExitStatus.fromWaitStatus(3 << 8)).isEqualTo(new ExitStatus(3, 0));
        assertThat(ExitStatus.fromWaitStatus(255 << 8)).isEqualTo(ExitStatus.exited(255));
        ExitStatus segv = ExitStatus.fromWaitStatus(11);
        assertThat(segv).isEqualTo(new ExitStatus(-1, 11));
        assertThat(segv.signaled()).isTrue();
        // the core-dump bit (0x80) is not part of the signal
        assertThat(ExitStatus.fromWaitStatus(0x80 | 6)).isEqualTo(ExitStatus.killedBy(6));
    }

    @Test
    void onlyANonZeroExitOrASignalIsAbnormal() {
        assertThat(ExitStatus.exited(0).abnormal()).isFalse();
        assertThat(ExitStatus.exited(1).abnormal()).isTrue();
        assertThat(ExitStatus.killedBy(ExitStatus.SIGKILL).abnormal()).isTrue();
        assertThat(ExitStatus.exited(0).signaled()).isFalse();
    }

    @Test
    void anExitCodeAndASignalTogetherOrOutOfRangeAreRefused() {
        assertThatThrownBy(() -> new ExitStatus(0, 9)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("signal 9");
        assertThatThrownBy(() -> ExitStatus.exited(256)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExitStatus.exited(-1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExitStatus.killedBy(0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> ExitStatus.killedBy(128)).isInstanceOf(IllegalArgumentException.class);
    }
}
