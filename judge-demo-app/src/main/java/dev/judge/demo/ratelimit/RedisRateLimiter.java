package dev.judge.demo.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.RedisClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * Buckets in Redis (compare-and-swap through Lettuce), shared by every node; a key expires once its bucket would
 * be full again.
 */
final class RedisRateLimiter implements RateLimiter {
    private final ProxyManager<String> buckets;
    private final String prefix;

    RedisRateLimiter(RedisClient client, String prefix, Duration period) {
        this.prefix = prefix;
        this.buckets = Bucket4jLettuce.casBasedBuilder(client)
                .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(period))
                .build()
                .withMapper((String key) -> key.getBytes(StandardCharsets.UTF_8));
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return buckets.builder().build(prefix + key, () -> configuration).tryConsumeAndReturnRemaining(1);
    }
}
