package dev.judge.demo.auth;

import java.time.Instant;

/** What login returns: send {@code accessToken} as {@code Authorization: Bearer <accessToken>}. */
public record LoginResponse(String accessToken, String tokenType, long expiresIn, Instant expiresAt, UserView user) {
}
