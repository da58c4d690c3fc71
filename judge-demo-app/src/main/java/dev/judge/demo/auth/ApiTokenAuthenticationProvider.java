package dev.judge.demo.auth;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.server.resource.InvalidBearerTokenException;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;

/**
 * Authenticates bearer values that are API tokens ({@code jdg_...}); other values (JWTs) are left to the
 * next provider.
 */
public class ApiTokenAuthenticationProvider implements AuthenticationProvider {
    private final ApiTokenService tokens;

    public ApiTokenAuthenticationProvider(ApiTokenService tokens) {
        this.tokens = tokens;
    }

    @Override
    public Authentication authenticate(Authentication authentication) {
        String value = ((BearerTokenAuthenticationToken) authentication).getToken();
        if (!ApiTokenService.looksLikeApiToken(value)) {
            return null;
        }
        return tokens.authenticate(value).map(UserAuthentication::new)
                .orElseThrow(() -> new InvalidBearerTokenException("unknown or revoked API token"));
    }

    @Override
    public boolean supports(Class<?> authentication) {
        return BearerTokenAuthenticationToken.class.isAssignableFrom(authentication);
    }
}
