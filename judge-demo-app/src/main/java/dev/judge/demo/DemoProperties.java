package dev.judge.demo;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * Settings of the demo server ({@code judge.demo.*}).
 *
 * @param dataDir            where the embedded default keeps its database and generated secrets
 * @param adminUsername      the account created at first start when no administrator exists
 * @param adminPassword      its password; when unset a random one is generated and logged once
 * @param jwtSecret          HMAC key of the access tokens (at least 32 bytes); when unset see {@code generateJwtSecret}
 * @param generateJwtSecret  whether a missing {@code jwtSecret} is generated and kept in {@code dataDir/jwt-secret}
 * @param jwtTtl             how long an access token is valid
 * @param registration       whether anyone may register a USER account
 * @param caps               sizes and counts past which a request is refused
 * @param retryAfter         what a 429 tells the client to wait (a busy judge, a full queue)
 * @param webhookSecret      HMAC-SHA256 key of the {@code X-Judge-Signature} header of callbacks; unset: no header
 * @param webhookAllow       host names or addresses callbacks may reach although they are loopback or private
 * @param webhookTimeout     how long one callback attempt may take
 * @param webhookBackoff     the wait before the second callback attempt (doubled before the third)
 * @param rateLimit          request budgets of the endpoints that start judging work
 */
@ConfigurationProperties("judge.demo")
public record DemoProperties(
        @DefaultValue("./data") Path dataDir,
        @DefaultValue("admin") String adminUsername,
        String adminPassword,
        String jwtSecret,
        @DefaultValue("true") boolean generateJwtSecret,
        @DefaultValue("12h") Duration jwtTtl,
        @DefaultValue("true") boolean registration,
        @DefaultValue Caps caps,
        @DefaultValue("5s") Duration retryAfter,
        String webhookSecret,
        List<String> webhookAllow,
        @DefaultValue("5s") Duration webhookTimeout,
        @DefaultValue("1s") Duration webhookBackoff,
        @DefaultValue RateLimit rateLimit) {

    public DemoProperties {
        webhookAllow = webhookAllow == null ? List.of() : List.copyOf(webhookAllow);
    }

    /**
     * @param maxRequestBody      largest JSON request body
     * @param maxArchiveSize      largest uploaded test archive (compressed)
     * @param maxTestData         largest total of a problem's test data (uncompressed), also the archive's (at
     *                            most the judge's {@code judge.caps.max-test-data-size})
     * @param maxTestFile         largest single input or answer file
     * @param maxArchiveEntries   most entries an archive may hold, directories and ignored files included
     * @param maxCompressionRatio largest uncompressed/compressed ratio of an archive entry
     * @param maxTests            most test cases of one problem (at most the judge's
     *                            {@code judge.caps.max-tests})
     * @param maxSourceSize       largest source of a submission or run (at most the judge's
     *                            {@code judge.caps.max-source-size})
     * @param maxStdin            largest custom input of a run
     * @param maxBatchRuns        most inputs of one batch run
     */
    public record Caps(
            @DefaultValue("16MB") DataSize maxRequestBody,
            @DefaultValue("64MB") DataSize maxArchiveSize,
            @DefaultValue("256MB") DataSize maxTestData,
            @DefaultValue("64MB") DataSize maxTestFile,
            @DefaultValue("10000") int maxArchiveEntries,
            @DefaultValue("1000") int maxCompressionRatio,
            @DefaultValue("512") int maxTests,
            @DefaultValue("64KB") DataSize maxSourceSize,
            @DefaultValue("1MB") DataSize maxStdin,
            @DefaultValue("20") int maxBatchRuns) {
    }

    /**
     * Token buckets of the judging endpoints (submissions, runs, Judge0 submissions): each account and each
     * client address gets {@code capacity} requests, refilled evenly over {@code period}.
     *
     * @param enabled      whether the limits apply
     * @param userCapacity requests per account and period
     * @param ipCapacity   requests per client address and period
     * @param period       the refill period
     * @param store        {@code local}: buckets in this JVM (each node counts alone); {@code redis}: buckets in
     *                     Redis, shared by every node (the redis profile)
     * @param redisPrefix  key prefix of the buckets in Redis
     * @param trustedProxies addresses or CIDR blocks of the reverse proxies in front of the server: only when the
     *                     connection comes from one of them is the client address taken from
     *                     {@code X-Forwarded-For} (its rightmost entry that is not a trusted proxy); empty: the
     *                     header is never believed
     */
    public record RateLimit(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("120") long userCapacity,
            @DefaultValue("600") long ipCapacity,
            @DefaultValue("1m") Duration period,
            @DefaultValue("local") String store,
            @DefaultValue("judge:rate:") String redisPrefix,
            List<String> trustedProxies) {

        public RateLimit {
            trustedProxies = trustedProxies == null ? List.of() : List.copyOf(trustedProxies);
        }
    }
}
