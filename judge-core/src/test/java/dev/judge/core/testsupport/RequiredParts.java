package dev.judge.core.testsupport;

import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Assumptions;

/**
 * Guards tests that need a part of the machine (root, cgroups, Docker, PostgreSQL, Redis, Chromium).
 * Without the part the test is skipped, except where {@code JUDGE_REQUIRE_ALL=true} (CI): there a missing
 * part fails the test, so a green CI run always means the tests ran.
 */
public final class RequiredParts {

    private RequiredParts() {
    }

    /** Whether a missing part must fail the run instead of skipping. */
    public static boolean allRequired() {
        return "true".equalsIgnoreCase(System.getenv("JUDGE_REQUIRE_ALL"))
                || Boolean.getBoolean("judge.requireAll");
    }

    /**
     * Skips (or, when all parts are required, fails) the calling test unless {@code present}.
     *
     * @param present whether the part is there
     * @param part    what the test needs, and why it is missing when known
     */
    public static void require(boolean present, String part) {
        if (present) {
            return;
        }
        if (allRequired()) {
            Assertions.fail("required part missing: " + part + " (JUDGE_REQUIRE_ALL=true)");
        }
        Assumptions.abort("part missing: " + part);
    }

    /** Whether this JVM runs as root (uid 0), read from {@code /proc/self/status}. */
    public static boolean isRoot() {
        try {
            for (String line : java.nio.file.Files.readAllLines(java.nio.file.Path.of("/proc/self/status"))) {
                if (line.startsWith("Uid:")) {
                    return line.split("\\s+")[1].equals("0");
                }
            }
        } catch (java.io.IOException e) {
            return false;
        }
        return false;
    }

    /** Whether a TCP server answers on 127.0.0.1 at {@code port} within half a second. */
    public static boolean listening(int port) {
        try (java.net.Socket s = new java.net.Socket()) {
            s.connect(new java.net.InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (java.io.IOException e) {
            return false;
        }
    }
}
