package dev.judge.demo.auth;

import java.time.Instant;

/** An account as the API shows it. */
public record UserView(long id, String username, Role role, Instant createdAt) {

    static UserView of(User u) {
        return new UserView(u.id(), u.username(), u.role(), u.createdAt());
    }
}
