package dev.judge.core.queue;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class QueuePolicyTest {

    @Test
    void backoffDoublesUpToTheMaximum() {
        QueuePolicy p = new QueuePolicy(Duration.ofSeconds(30), 5, Duration.ofSeconds(1), Duration.ofSeconds(5));
        assertThat(p.backoff(0)).isZero();
        assertThat(p.backoff(1)).isEqualTo(Duration.ofSeconds(1));
        assertThat(p.backoff(2)).isEqualTo(Duration.ofSeconds(2));
        assertThat(p.backoff(3)).isEqualTo(Duration.ofSeconds(4));
        assertThat(p.backoff(4)).isEqualTo(Duration.ofSeconds(5));
        assertThat(p.backoff(1000)).isEqualTo(Duration.ofSeconds(5));
    }

    @Test
    void refusesNonsense() {
        assertThatThrownBy(() -> new QueuePolicy(Duration.ZERO, 3, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("visibilityTimeout");
        assertThatThrownBy(() -> new QueuePolicy(Duration.ofSeconds(1), 0, Duration.ZERO, Duration.ZERO))
                .hasMessageContaining("maxAttempts");
        assertThatThrownBy(() -> new QueuePolicy(Duration.ofSeconds(1), 1, Duration.ofSeconds(2), Duration.ofSeconds(1)))
                .hasMessageContaining("initialBackoff");
    }
}
