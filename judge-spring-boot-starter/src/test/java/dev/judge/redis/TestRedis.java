package dev.judge.redis;

import dev.judge.core.testsupport.RequiredParts;
import io.lettuce.core.ClientOptions;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.Cursor;
import org.springframework.data.redis.core.ScanOptions;
import org.springframework.data.redis.core.StringRedisTemplate;

/** Connections to a Redis for the tests, configured as the adapters recommend: fail fast while Redis is down. */
final class TestRedis {
    private TestRedis() {
    }

    static String randomPrefix() {
        return "judge-test:" + UUID.randomUUID().toString().substring(0, 13) + ":";
    }

    /** The machine's Redis; skips (or fails under JUDGE_REQUIRE_ALL) when it is not running. */
    static LettuceConnectionFactory machine() {
        RequiredParts.require(RequiredParts.listening(6379), "Redis on 127.0.0.1:6379");
        return factory(6379);
    }

    static LettuceConnectionFactory factory(int port) {
        LettuceClientConfiguration client = LettuceClientConfiguration.builder()
                .commandTimeout(Duration.ofSeconds(2))
                .clientOptions(ClientOptions.builder().autoReconnect(true)
                        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS).build())
                .build();
        LettuceConnectionFactory f = new LettuceConnectionFactory(new RedisStandaloneConfiguration("127.0.0.1", port),
                client);
        f.afterPropertiesSet();
        if (!f.isRunning()) {
            f.start();
        }
        return f;
    }

    /** Deletes every key under {@code prefix}. */
    static void clean(LettuceConnectionFactory f, String prefix) {
        StringRedisTemplate t = new StringRedisTemplate(f);
        List<String> keys = new ArrayList<>();
        try (Cursor<String> c = t.scan(ScanOptions.scanOptions().match(prefix + "*").count(1000).build())) {
            c.forEachRemaining(keys::add);
        }
        if (!keys.isEmpty()) {
            t.delete(keys);
        }
    }
}
