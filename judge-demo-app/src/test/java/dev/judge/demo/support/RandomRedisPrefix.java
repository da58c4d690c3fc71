package dev.judge.demo.support;

import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.MapPropertySource;

/** Gives a context on the {@code redis} profile key prefixes of its own, so test runs never share queues. */
public class RandomRedisPrefix implements ApplicationContextInitializer<ConfigurableApplicationContext> {

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String prefix = "judge-test-" + UUID.randomUUID().toString().substring(0, 8) + ":";
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("random-redis-prefix", Map.of(
                "judge.redis.key-prefix", prefix,
                "judge.demo.rate-limit.redis-prefix", prefix + "rate:")));
    }
}
