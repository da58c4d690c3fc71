package dev.judge.demo.auth;

import java.util.List;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;

/** An authenticated request: the principal is an {@link AuthenticatedUser}, its role the only authority. */
public final class UserAuthentication extends AbstractAuthenticationToken {
    private static final long serialVersionUID = 1L;
    private final AuthenticatedUser user;

    public UserAuthentication(AuthenticatedUser user) {
        super(List.of(new SimpleGrantedAuthority(user.role().authority())));
        this.user = user;
        setAuthenticated(true);
    }

    @Override
    public AuthenticatedUser getPrincipal() {
        return user;
    }

    @Override
    public Object getCredentials() {
        return null;
    }

    @Override
    public String getName() {
        return user.username();
    }
}
