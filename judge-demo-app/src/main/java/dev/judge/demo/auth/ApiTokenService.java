package dev.judge.demo.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * API tokens for machine clients: {@code jdg_} followed by 256 random bits. The secret is shown once, at
 * creation; the database keeps its SHA-256 (a random 256-bit secret needs no slow hash).
 */
@Service
public class ApiTokenService {
    public static final String PREFIX = "jdg_";
    private final ApiTokenRepository tokens;
    private final SecureRandom random = new SecureRandom();

    public ApiTokenService(ApiTokenRepository tokens) {
        this.tokens = tokens;
    }

    public record Created(ApiToken token, String secret) {
    }

    public Created create(AuthenticatedUser owner, String name) {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        String secret = PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
        ApiToken token = tokens.create(owner.id(), name, hash(secret), secret.substring(0, PREFIX.length() + 6));
        return new Created(token, secret);
    }

    public List<ApiToken> list(AuthenticatedUser owner) {
        return tokens.listOf(owner.id());
    }

    public boolean revoke(AuthenticatedUser owner, long tokenId) {
        return tokens.revoke(owner.id(), tokenId);
    }

    /** The account behind a live token, if the secret is one. */
    public Optional<AuthenticatedUser> authenticate(String secret) {
        String hash = hash(secret);
        Optional<User> owner = tokens.ownerOfLive(hash);
        owner.ifPresent(u -> tokens.touch(hash));
        return owner.map(User::principal);
    }

    public static boolean looksLikeApiToken(String value) {
        return value != null && value.startsWith(PREFIX);
    }

    static String hash(String secret) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }
}
