package dev.judge.core.sandbox;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The rule every sandbox applies to host paths bound read-only into its boxes, by name alone (a sandbox
 * that can look at the host's files checks for sockets in them too): never the whole host, never a place
 * made of sockets or kernel state, never a socket by its usual name.
 */
public final class HostBinds {
    /** Where the host keeps sockets ({@code /run}, {@code /var/run}) or live kernel state. */
    static final List<Path> REFUSED = List.of(Path.of("/run"), Path.of("/var/run"), Path.of("/proc"),
            Path.of("/sys"), Path.of("/dev"));

    private HostBinds() {
    }

    /**
     * Refuses {@code hostPath} when it is {@code /}, lies in or holds one of {@code /run}, {@code /var/run},
     * {@code /proc}, {@code /sys}, {@code /dev}, or is named like a socket ({@code *.sock}, {@code *.socket}).
     *
     * @throws IllegalArgumentException when the path is not absolute
     * @throws UnsafeBindException      when the path is refused
     */
    public static void requireSafe(String hostPath) {
        Objects.requireNonNull(hostPath, "hostPath");
        if (!hostPath.startsWith("/")) {
            throw new IllegalArgumentException("bind paths must be absolute: " + hostPath);
        }
        Path p = Path.of(hostPath).normalize();
        if (p.getNameCount() == 0) {
            throw new UnsafeBindException(hostPath, "it is the host's whole file system");
        }
        for (Path refused : REFUSED) {
            if (p.startsWith(refused) || refused.startsWith(p)) {
                throw new UnsafeBindException(hostPath, "it " + (p.startsWith(refused) ? "lies in " : "holds ")
                        + refused + ", where the host keeps sockets or kernel state");
            }
        }
        String name = p.getFileName().toString();
        if (name.endsWith(".sock") || name.endsWith(".socket")) {
            throw new UnsafeBindException(hostPath, "it is named like a socket, and a socket stays usable "
                    + "through a read-only bind");
        }
    }
}
