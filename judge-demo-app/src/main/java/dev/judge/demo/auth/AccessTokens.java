package dev.judge.demo.auth;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.springframework.core.convert.converter.Converter;
import org.springframework.security.authentication.AbstractAuthenticationToken;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoder;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;

/**
 * Issues and reads the short-lived access tokens (HS256 JWTs) that login returns. The token carries the
 * user id ({@code sub}), the name and the role, so a request needs no database look-up to authenticate.
 */
public class AccessTokens {
    static final String ISSUER = "judge-demo";
    private final JwtEncoder encoder;
    private final Duration ttl;

    public AccessTokens(JwtEncoder encoder, Duration ttl) {
        this.encoder = encoder;
        this.ttl = ttl;
    }

    public record Issued(String token, Instant expiresAt) {
    }

    public Issued issue(User user) {
        Instant now = Instant.now();
        JwtClaimsSet claims = JwtClaimsSet.builder()
                .issuer(ISSUER)
                .subject(Long.toString(user.id()))
                .issuedAt(now)
                .expiresAt(now.plus(ttl))
                .claim("username", user.username())
                .claim("roles", List.of(user.role().name()))
                .build();
        JwsHeader header = JwsHeader.with(MacAlgorithm.HS256).build();
        Jwt jwt = encoder.encode(JwtEncoderParameters.from(header, claims));
        return new Issued(jwt.getTokenValue(), jwt.getExpiresAt());
    }

    public Duration ttl() {
        return ttl;
    }

    /** Reads a verified token back into the request's authentication. */
    public static Converter<Jwt, AbstractAuthenticationToken> authenticationConverter() {
        return jwt -> {
            List<String> roles = jwt.getClaimAsStringList("roles");
            Role role = roles != null && roles.contains(Role.ADMIN.name()) ? Role.ADMIN : Role.USER;
            return new UserAuthentication(new AuthenticatedUser(Long.parseLong(jwt.getSubject()),
                    jwt.getClaimAsString("username"), role));
        };
    }
}
