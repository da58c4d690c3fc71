package dev.judge.demo.judge0;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Which {@code X-Auth-Token} values the Judge0 API accepts. Judge0 ships open; this server does not: without
 * {@code judge.judge0.auth-token} a token is generated at the first start, kept in {@code <data-dir>/judge0-token}
 * and logged that once, as the administrator's password is. Only {@code judge.judge0.open=true} serves the API
 * without a token, and that is logged as a warning at every start.
 */
final class Judge0Tokens {
    private static final Logger log = LoggerFactory.getLogger(Judge0Tokens.class);
    static final String FILE_NAME = "judge0-token";

    private Judge0Tokens() {
    }

    /** The accepted tokens; empty only when the API is explicitly open. */
    static List<String> resolve(Judge0Properties properties, Path dataDir) {
        if (properties.open()) {
            log.warn("The Judge0 API under /judge0 is OPEN (judge.judge0.open=true): anyone who can reach this "
                    + "server can run code on it without credentials. Set judge.judge0.open=false and "
                    + "judge.judge0.auth-token to require an X-Auth-Token header.");
            return List.of();
        }
        if (!properties.tokens().isEmpty()) {
            return properties.tokens();
        }
        return List.of(fromFile(dataDir.resolve(FILE_NAME)));
    }

    private static String fromFile(Path file) {
        try {
            if (Files.exists(file)) {
                String token = Files.readString(file, StandardCharsets.UTF_8).trim();
                if (token.isEmpty()) {
                    throw new IllegalStateException(file + " is empty; delete it to have a new Judge0 token generated");
                }
                log.info("The Judge0 API requires the X-Auth-Token kept in {} (set judge.judge0.auth-token to "
                        + "choose your own)", file.toAbsolutePath());
                return token;
            }
            String token = generate();
            Files.createDirectories(file.toAbsolutePath().getParent());
            try {
                Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
            } catch (UnsupportedOperationException e) {
                Files.createFile(file);
            } catch (FileAlreadyExistsException e) {
                return fromFile(file); // another node of the same data dir made it first
            }
            Files.writeString(file, token, StandardCharsets.UTF_8);
            log.warn("Generated the Judge0 API token: {}  (shown only now; kept in {}; clients send it as the "
                    + "X-Auth-Token header; set judge.judge0.auth-token to choose your own, or "
                    + "judge.judge0.open=true to serve the API without one)", token, file.toAbsolutePath());
            return token;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the Judge0 token file " + file, e);
        }
    }

    private static String generate() {
        byte[] bytes = new byte[24];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
