package dev.judge.demo.auth;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.security.SecurityRequirements;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Accounts, login and API tokens. */
@RestController
@RequestMapping("/api/v1/auth")
@Tag(name = "auth", description = "Accounts, access tokens (login) and API tokens")
public class AuthController {
    private final UserService users;
    private final ApiTokenService apiTokens;
    private final DemoProperties properties;

    public AuthController(UserService users, ApiTokenService apiTokens, DemoProperties properties) {
        this.users = users;
        this.apiTokens = apiTokens;
        this.properties = properties;
    }

    @PostMapping("/register")
    @ResponseStatus(HttpStatus.CREATED)
    @SecurityRequirements
    @Operation(summary = "Create a USER account")
    public UserView register(@Valid @RequestBody Credentials credentials) {
        if (!properties.registration()) {
            throw new ApiException(HttpStatus.FORBIDDEN, "registration is closed on this server");
        }
        return UserView.of(users.register(credentials, Role.USER));
    }

    @PostMapping("/login")
    @SecurityRequirements
    @Operation(summary = "Exchange username and password for an access token (JWT)")
    public LoginResponse login(@Valid @RequestBody Credentials credentials) {
        return users.login(credentials);
    }

    @GetMapping("/me")
    @Operation(summary = "The account the request authenticates as")
    public AuthenticatedUser me(@AuthenticationPrincipal AuthenticatedUser user) {
        return user;
    }

    @PostMapping("/tokens")
    @ResponseStatus(HttpStatus.CREATED)
    @Operation(summary = "Create an API token; its secret is in this answer only")
    public ApiTokenView createToken(@AuthenticationPrincipal AuthenticatedUser user,
            @Valid @RequestBody ApiTokenRequest request) {
        ApiTokenService.Created created = apiTokens.create(user, request.name());
        return ApiTokenView.of(created.token(), created.secret());
    }

    @GetMapping("/tokens")
    @Operation(summary = "The caller's API tokens, revoked ones included, without secrets")
    public List<ApiTokenView> tokens(@AuthenticationPrincipal AuthenticatedUser user) {
        return apiTokens.list(user).stream().map(t -> ApiTokenView.of(t, null)).toList();
    }

    @DeleteMapping("/tokens/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Revoke one of the caller's API tokens")
    public void revoke(@AuthenticationPrincipal AuthenticatedUser user, @PathVariable long id) {
        if (!apiTokens.revoke(user, id)) {
            throw ApiException.notFound("no live API token " + id + " of this account");
        }
    }
}
