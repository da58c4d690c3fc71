package dev.judge.demo.ratelimit;

import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;

/** Token buckets by key; where they live (this JVM or Redis) is the implementation's business. */
public interface RateLimiter {

    /** Takes one token from the bucket of {@code key}, made with {@code configuration} when it is new. */
    ConsumptionProbe tryConsume(String key, BucketConfiguration configuration);
}
