package dev.judge.demo.auth;

import jakarta.validation.constraints.NotNull;

/** Body of a role change. */
public record RoleRequest(@NotNull Role role) {
}
