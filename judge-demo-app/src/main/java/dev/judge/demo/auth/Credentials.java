package dev.judge.demo.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;

/** Body of register and login. */
public record Credentials(
        @NotBlank @Size(min = 3, max = 32) @Pattern(regexp = "[A-Za-z0-9._-]*",
                message = "may hold only letters, digits, '.', '_' and '-'") String username,
        @NotBlank @Size(min = 8, max = 72) String password) {

    @Override
    public String toString() {
        return "Credentials[username=" + username + "]";
    }
}
