package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.JudgeBusyException;
import dev.judge.core.JudgeException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class RunSlotExecutorTest {

    @Test
    void fullSlotsAndAFullLineRefuseWithJudgeBusy() throws Exception {
        CountDownLatch started = new CountDownLatch(2);
        CountDownLatch release = new CountDownLatch(1);
        try (RunSlotExecutor slots = new RunSlotExecutor(2, 3)) {
            for (int i = 0; i < 2; i++) {
                slots.admit(() -> {
                    started.countDown();
                    return release.await(10, TimeUnit.SECONDS);
                });
            }
            assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
            for (int i = 0; i < 3; i++) {
                slots.admit(() -> true);
            }
            assertThat(slots.waiting()).isEqualTo(3);
            assertThatThrownBy(slots::ensureRoom).isInstanceOf(JudgeBusyException.class)
                    .hasMessageContaining("3 tasks");
            assertThatThrownBy(() -> slots.admit(() -> true))
                    .isInstanceOf(JudgeBusyException.class).isInstanceOf(JudgeException.class)
                    .hasMessageContaining("2 judge slots").hasMessageContaining("3 tasks");
            release.countDown();
            Future<Boolean> later = null;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (later == null && System.nanoTime() < deadline) {
                try {
                    later = slots.admit(() -> true);
                } catch (JudgeBusyException e) {
                    Thread.sleep(5);
                }
            }
            assertThat(later).as("room again once the slots drain").isNotNull();
            assertThat(later.get(10, TimeUnit.SECONDS)).isTrue();
        }
    }

    @Test
    void aClosedExecutorIsNotBusyButClosed() {
        RunSlotExecutor slots = new RunSlotExecutor(1, 1);
        slots.close();
        assertThatThrownBy(() -> slots.admit(() -> true)).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
        assertThatThrownBy(slots::ensureRoom).isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("closed");
    }

    @Test
    void roomInTheLineIsNotARefusal() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        try (RunSlotExecutor slots = new RunSlotExecutor(1, 1)) {
            slots.ensureRoom();
            slots.admit(() -> release.await(10, TimeUnit.SECONDS));
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (slots.waiting() > 0 && System.nanoTime() < deadline) {
                Thread.sleep(1); // the slot thread takes the task out of the line
            }
            slots.ensureRoom(); // the slot is busy, the line empty
            slots.admit(() -> true);
            assertThatThrownBy(slots::ensureRoom).isInstanceOf(JudgeBusyException.class);
            release.countDown();
        }
    }
}
