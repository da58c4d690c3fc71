package dev.judge.demo.ratelimit;

import dev.judge.demo.DemoProperties;
import io.lettuce.core.RedisClient;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Rate limits on the endpoints that start judging work; buckets local or in Redis ({@code rate-limit.store}). */
@Configuration
class RateLimitConfig implements WebMvcConfigurer {
    private final DemoProperties properties;
    private final ObjectProvider<RedisConnectionFactory> redis;
    private RateLimiter limiter;

    RateLimitConfig(DemoProperties properties, ObjectProvider<RedisConnectionFactory> redis) {
        this.properties = properties;
        this.redis = redis;
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        DemoProperties.RateLimit settings = properties.rateLimit();
        if (!settings.enabled()) {
            return;
        }
        registry.addInterceptor(new RateLimitInterceptor(limiter(settings), settings))
                .addPathPatterns("/api/v1/submissions", "/api/v1/runs", "/api/v1/runs/batch", "/judge0/submissions",
                        "/judge0/submissions/batch");
    }

    private synchronized RateLimiter limiter(DemoProperties.RateLimit settings) {
        if (limiter == null) {
            if ("redis".equals(settings.store())) {
                if (!(redis.getIfAvailable() instanceof LettuceConnectionFactory lettuce)
                        || !(lettuce.getNativeClient() instanceof RedisClient client)) {
                    throw new IllegalStateException("judge.demo.rate-limit.store=redis needs a standalone Lettuce"
                            + " Redis connection (spring.data.redis.*)");
                }
                limiter = new RedisRateLimiter(client, settings.redisPrefix(), settings.period());
            } else if ("local".equals(settings.store())) {
                limiter = new LocalRateLimiter(settings.period());
            } else {
                throw new IllegalStateException("judge.demo.rate-limit.store must be local or redis, was "
                        + settings.store());
            }
        }
        return limiter;
    }
}
