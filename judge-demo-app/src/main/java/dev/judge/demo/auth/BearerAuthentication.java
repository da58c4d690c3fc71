package dev.judge.demo.auth;

import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.server.resource.authentication.BearerTokenAuthenticationToken;
import org.springframework.security.oauth2.server.resource.authentication.JwtAuthenticationProvider;
import org.springframework.stereotype.Component;

/**
 * The one check of a bearer token, an access token (JWT from login) or an API token, for every channel that
 * carries one: the HTTP filter chain and STOMP's CONNECT frame.
 */
@Component
public class BearerAuthentication {
    private final AuthenticationManager manager;

    BearerAuthentication(JwtDecoder jwtDecoder, ApiTokenService apiTokens) {
        JwtAuthenticationProvider jwt = new JwtAuthenticationProvider(jwtDecoder);
        jwt.setJwtAuthenticationConverter(AccessTokens.authenticationConverter());
        this.manager = new ProviderManager(new ApiTokenAuthenticationProvider(apiTokens), jwt);
    }

    AuthenticationManager manager() {
        return manager;
    }

    /**
     * The account {@code token} stands for.
     *
     * @throws org.springframework.security.core.AuthenticationException when the token is not valid
     */
    public UserAuthentication authenticate(String token) {
        Authentication a = manager.authenticate(new BearerTokenAuthenticationToken(token));
        return new UserAuthentication((AuthenticatedUser) a.getPrincipal());
    }
}
