package dev.judge.demo.auth;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;

/** Body of API token creation: a name to recognise the token by. */
public record ApiTokenRequest(@NotBlank @Size(max = 100) String name) {
}
