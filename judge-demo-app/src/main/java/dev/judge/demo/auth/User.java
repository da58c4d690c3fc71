package dev.judge.demo.auth;

import java.time.Instant;

/** A stored account. */
public record User(long id, String username, String passwordHash, Role role, Instant createdAt) {

    public AuthenticatedUser principal() {
        return new AuthenticatedUser(id, username, role);
    }
}
