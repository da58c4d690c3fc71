package dev.judge.demo.auth;

import java.time.Instant;

/** A stored API token, without its secret (only its hash and first characters are kept). */
public record ApiToken(long id, long userId, String name, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt) {
}
