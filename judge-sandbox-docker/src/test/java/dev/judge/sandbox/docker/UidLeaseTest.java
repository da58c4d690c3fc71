package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.sandbox.SandboxException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UidLeaseTest {
    @TempDir
    Path locks;

    @Test
    void twoLeasesNeverShareAnIdAndAClosedLeaseFreesItsIds() {
        try (UidLease first = UidLease.acquire(locks, 70000, 16, 3)) {
            assertThat(first.runnerUid()).isEqualTo(70000);
            assertThat(first.boxUids()).containsExactly(70001, 70002);
            try (UidLease second = UidLease.acquire(locks, 70000, 16, 4)) {
                assertThat(second.runnerUid()).isEqualTo(70003);
                assertThat(second.boxUids()).containsExactly(70004, 70005, 70006);
            }
            try (UidLease third = UidLease.acquire(locks, 70000, 16, 2)) {
                assertThat(third.runnerUid()).as("the closed lease's ids are free again").isEqualTo(70003);
            }
        }
        try (UidLease again = UidLease.acquire(locks, 70000, 16, 1)) {
            assertThat(again.runnerUid()).isEqualTo(70000);
        }
    }

    @Test
    void aFullRangeIsAClearErrorAndKeepsNothing() {
        try (UidLease held = UidLease.acquire(locks, 70000, 4, 3)) {
            assertThatThrownBy(() -> UidLease.acquire(locks, 70000, 4, 2))
                    .isInstanceOf(SandboxException.class)
                    .hasMessageContaining("no 2 free user ids from 70000 to 70003");
            try (UidLease last = UidLease.acquire(locks, 70000, 4, 1)) {
                assertThat(last.runnerUid()).as("the failed attempt let its one id go").isEqualTo(70003);
            }
            assertThat(held.boxUids()).hasSize(2);
        }
        assertThatThrownBy(() -> UidLease.acquire(locks, 70000, 4, 5)).isInstanceOf(IllegalArgumentException.class);
    }
}
