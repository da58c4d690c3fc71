package dev.judge.demo.ratelimit;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bucket;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import java.time.Duration;

/** Buckets in this JVM, at most 100,000 of them, dropped after a period without use (by then they are full). */
final class LocalRateLimiter implements RateLimiter {
    private final Cache<String, Bucket> buckets;

    LocalRateLimiter(Duration period) {
        this.buckets = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(period).build();
    }

    @Override
    public ConsumptionProbe tryConsume(String key, BucketConfiguration configuration) {
        return buckets.get(key, k -> Bucket.builder().addLimit(configuration.getBandwidths()[0]).build())
                .tryConsumeAndReturnRemaining(1);
    }
}
