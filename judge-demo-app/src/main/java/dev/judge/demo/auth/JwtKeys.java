package dev.judge.demo.auth;

import dev.judge.demo.DemoProperties;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HMAC key that signs access tokens: {@code judge.demo.jwt-secret} when set, otherwise (when allowed) a
 * random key generated once and kept in {@code <data-dir>/jwt-secret}, so tokens survive a restart.
 */
public final class JwtKeys {
    private static final Logger log = LoggerFactory.getLogger(JwtKeys.class);
    static final int MIN_BYTES = 32;
    static final String FILE_NAME = "jwt-secret";

    private JwtKeys() {
    }

    public static SecretKey load(DemoProperties properties) {
        byte[] secret;
        if (properties.jwtSecret() != null && !properties.jwtSecret().isBlank()) {
            secret = properties.jwtSecret().getBytes(StandardCharsets.UTF_8);
            if (secret.length < MIN_BYTES) {
                throw new IllegalStateException("judge.demo.jwt-secret must be at least " + MIN_BYTES + " bytes long");
            }
        } else if (properties.generateJwtSecret()) {
            secret = fromFile(properties.dataDir().resolve(FILE_NAME));
        } else {
            throw new IllegalStateException("judge.demo.jwt-secret is not set (at least " + MIN_BYTES
                    + " bytes; every node of one deployment needs the same one)");
        }
        return new SecretKeySpec(secret, "HmacSHA256");
    }

    private static byte[] fromFile(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] fresh = new byte[MIN_BYTES];
                new SecureRandom().nextBytes(fresh);
                Files.createDirectories(file.toAbsolutePath().getParent());
                try {
                    Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
                } catch (UnsupportedOperationException e) {
                    Files.createFile(file);
                } catch (FileAlreadyExistsException e) {
                    return decode(file);
                }
                Files.writeString(file, Base64.getEncoder().encodeToString(fresh));
                log.info("Generated the access-token key in {}", file.toAbsolutePath());
                return fresh;
            }
            return decode(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the access-token key " + file, e);
        }
    }

    private static byte[] decode(Path file) throws IOException {
        byte[] key = Base64.getDecoder().decode(Files.readString(file).trim());
        if (key.length < MIN_BYTES) {
            throw new IllegalStateException(file + " holds a key shorter than " + MIN_BYTES + " bytes");
        }
        return key;
    }
}
