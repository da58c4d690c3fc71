package dev.judge.sandbox.linux;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** The C helper bundled in the jar: extracted to a private directory and checked against its build digest. */
final class HelperBinary {
    static final String RESOURCE = "judge-helper";

    private HelperBinary() {
    }

    /** The SHA-256 recorded when the helper was compiled. */
    static String expectedDigest() throws IOException {
        try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE + ".sha256")) {
            if (in == null) {
                throw new IOException("the helper's digest is missing from the jar (was the module built with gcc?)");
            }
            return new String(in.readAllBytes(), StandardCharsets.US_ASCII).trim();
        }
    }

    /** Extracts the helper into {@code dir} (owner-only) and returns its path once its digest matches. */
    static Path extract(Path dir) throws IOException {
        byte[] bytes;
        try (InputStream in = HelperBinary.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IOException("the helper is missing from the jar (was the module built with gcc?)");
            }
            bytes = in.readAllBytes();
        }
        String expected = expectedDigest();
        if (!sha256(bytes).equals(expected)) {
            throw new IOException("the bundled helper does not match its recorded SHA-256");
        }
        Path target = dir.resolve(RESOURCE);
        Path tmp = Files.createTempFile(dir, RESOURCE, ".tmp",
                PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.write(tmp, bytes);
        Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rwx------"));
        Files.move(tmp, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        verify(target);
        return target;
    }

    /** Checks the extracted file again; done before every helper start. */
    static void verify(Path file) throws IOException {
        if (!sha256(Files.readAllBytes(file)).equals(expectedDigest())) {
            throw new IOException("the extracted helper " + file + " was modified (SHA-256 mismatch)");
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
