package dev.judge.demo.auth;

import dev.judge.demo.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/** Registration and login. Passwords are kept as bcrypt hashes. */
@Service
public class UserService {
    /** bcrypt reads at most 72 bytes; a longer password would be silently cut. */
    static final int MAX_PASSWORD_BYTES = 72;
    private final UserRepository users;
    private final PasswordEncoder passwords;
    private final AccessTokens accessTokens;
    private final String unknownUserHash;

    public UserService(UserRepository users, PasswordEncoder passwords, AccessTokens accessTokens) {
        this.users = users;
        this.passwords = passwords;
        this.accessTokens = accessTokens;
        // Compared against when the name is unknown, so a login takes as long whether or not the account exists.
        this.unknownUserHash = passwords.encode("no such user " + Instant.now());
    }

    public User register(Credentials credentials, Role role) {
        checkPasswordLength(credentials.password());
        try {
            return users.create(credentials.username(), passwords.encode(credentials.password()), role);
        } catch (DuplicateKeyException e) {
            throw ApiException.conflict("the username '" + credentials.username() + "' is taken");
        }
    }

    public LoginResponse login(Credentials credentials) {
        Optional<User> user = users.findByUsername(credentials.username());
        boolean matches = credentials.password().getBytes(StandardCharsets.UTF_8).length <= MAX_PASSWORD_BYTES
                && passwords.matches(credentials.password(), user.map(User::passwordHash).orElse(unknownUserHash));
        if (user.isEmpty() || !matches) {
            throw new ApiException(HttpStatus.UNAUTHORIZED, "wrong username or password");
        }
        AccessTokens.Issued issued = accessTokens.issue(user.get());
        long seconds = Duration.between(Instant.now(), issued.expiresAt()).toSeconds();
        return new LoginResponse(issued.token(), "Bearer", Math.max(seconds, 0), issued.expiresAt(),
                UserView.of(user.get()));
    }

    static void checkPasswordLength(String password) {
        if (password.getBytes(StandardCharsets.UTF_8).length > MAX_PASSWORD_BYTES) {
            throw ApiException.invalid("password", "must be at most " + MAX_PASSWORD_BYTES + " bytes in UTF-8");
        }
    }
}
