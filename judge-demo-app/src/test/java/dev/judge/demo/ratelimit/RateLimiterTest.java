package dev.judge.demo.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.TooManyRequestsException;
import io.github.bucket4j.BucketConfiguration;
import io.lettuce.core.RedisClient;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/** The per-address budget through the interceptor, and Redis buckets shared by two limiters (two nodes). */
class RateLimiterTest {
    private static final DemoProperties.RateLimit SETTINGS =
            new DemoProperties.RateLimit(true, 100, 2, Duration.ofMinutes(1), "local", "x:", List.of());

    static MockHttpServletRequest post(String address) {
        MockHttpServletRequest request = new MockHttpServletRequest("POST", "/api/v1/runs");
        request.setRemoteAddr(address);
        return request;
    }

    @Test
    void anAddressOverItsBudgetIsRefusedOthersAreNot() {
        RateLimitInterceptor interceptor = new RateLimitInterceptor(new LocalRateLimiter(Duration.ofMinutes(1)),
                SETTINGS);
        MockHttpServletResponse response = new MockHttpServletResponse();
        assertThat(interceptor.preHandle(post("10.0.0.1"), response, null)).isTrue();
        assertThat(interceptor.preHandle(post("10.0.0.1"), response, null)).isTrue();
        assertThatThrownBy(() -> interceptor.preHandle(post("10.0.0.1"), response, null))
                .isInstanceOf(TooManyRequestsException.class)
                .satisfies(e -> assertThat(((TooManyRequestsException) e).retryAfterSeconds()).isBetween(1L, 30L));
        assertThat(interceptor.preHandle(post("10.0.0.2"), response, null)).isTrue();
        // reads are not charged
        assertThat(interceptor.preHandle(new MockHttpServletRequest("GET", "/api/v1/runs"), response, null)).isTrue();
    }

    @Test
    void redisBucketsAreSharedBetweenNodes() {
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
        RedisClient client = RedisClient.create("redis://127.0.0.1:6379");
        try {
            String prefix = "judge-test-" + UUID.randomUUID() + ":";
            RedisRateLimiter nodeA = new RedisRateLimiter(client, prefix, Duration.ofMinutes(1));
            RedisRateLimiter nodeB = new RedisRateLimiter(client, prefix, Duration.ofMinutes(1));
            BucketConfiguration three = BucketConfiguration.builder()
                    .addLimit(l -> l.capacity(3).refillGreedy(3, Duration.ofMinutes(1))).build();
            assertThat(nodeA.tryConsume("user:1", three).isConsumed()).isTrue();
            assertThat(nodeB.tryConsume("user:1", three).isConsumed()).isTrue();
            assertThat(nodeA.tryConsume("user:1", three).isConsumed()).isTrue();
            assertThat(nodeB.tryConsume("user:1", three).isConsumed()).isFalse();
            assertThat(nodeB.tryConsume("user:2", three).isConsumed()).isTrue();
        } finally {
            client.shutdown();
        }
    }
}
