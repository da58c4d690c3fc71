package dev.judge.demo.auth;

/** Who made the request, however they authenticated (access token or API token). */
public record AuthenticatedUser(long id, String username, Role role) {

    public boolean isAdmin() {
        return role == Role.ADMIN;
    }
}
