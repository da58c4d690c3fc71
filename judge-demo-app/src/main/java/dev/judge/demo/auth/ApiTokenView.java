package dev.judge.demo.auth;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * An API token as the API shows it. {@code token}, the secret, is present only in the answer to its
 * creation; afterwards only {@code prefix} (its first characters) identifies it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ApiTokenView(long id, String name, String prefix, Instant createdAt, Instant lastUsedAt,
        Instant revokedAt, String token) {

    static ApiTokenView of(ApiToken t, String secret) {
        return new ApiTokenView(t.id(), t.name(), t.prefix(), t.createdAt(), t.lastUsedAt(), t.revokedAt(), secret);
    }
}
