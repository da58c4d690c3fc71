package dev.judge.demo.ratelimit;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.web.TooManyRequestsException;
import io.github.bucket4j.BucketConfiguration;
import io.github.bucket4j.ConsumptionProbe;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.time.Duration;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.web.servlet.HandlerInterceptor;

/**
 * Charges each judging request (POST of submissions, runs, Judge0 submissions) to the client address's bucket and,
 * when an account made it, to the account's bucket; an empty bucket is a 429 with {@code Retry-After}. The client
 * address is the socket's peer or, behind a trusted proxy, what that proxy put in {@code X-Forwarded-For}.
 */
final class RateLimitInterceptor implements HandlerInterceptor {
    private final RateLimiter limiter;
    private final ClientAddress clients;
    private final BucketConfiguration perUser;
    private final BucketConfiguration perAddress;

    RateLimitInterceptor(RateLimiter limiter, DemoProperties.RateLimit settings) {
        this.limiter = limiter;
        this.clients = new ClientAddress(settings.trustedProxies());
        this.perUser = configuration(settings.userCapacity(), settings.period());
        this.perAddress = configuration(settings.ipCapacity(), settings.period());
    }

    private static BucketConfiguration configuration(long capacity, Duration period) {
        return BucketConfiguration.builder().addLimit(l -> l.capacity(capacity).refillGreedy(capacity, period)).build();
    }

    @Override
    public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler) {
        if (!"POST".equals(request.getMethod())) {
            return true;
        }
        check(limiter.tryConsume("ip:" + clients.of(request), perAddress), "this address");
        Authentication auth = SecurityContextHolder.getContext().getAuthentication();
        if (auth != null && auth.getPrincipal() instanceof AuthenticatedUser user) {
            check(limiter.tryConsume("user:" + user.id(), perUser), "this account");
        }
        return true;
    }

    private static void check(ConsumptionProbe probe, String who) {
        if (!probe.isConsumed()) {
            throw new TooManyRequestsException("too many judging requests from " + who + "; retry later",
                    Duration.ofNanos(probe.getNanosToWaitForRefill()));
        }
    }
}
