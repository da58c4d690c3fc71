package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.HostBinds;
import dev.judge.core.sandbox.UnsafeBindException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;

/**
 * Refuses a host path bound read-only into the boxes that would give runs a channel out: the names every
 * sandbox refuses ({@link HostBinds}), and, since these paths are on this host, any socket or FIFO found in
 * them. A read-only bind leaves both usable: a run could talk to a host daemon through a socket, or to
 * another box through a FIFO. (Device nodes are inert: the binds are mounted nodev.)
 */
final class ReadOnlyPathCheck {
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;
    private static final int S_IFIFO = 0010000;

    private ReadOnlyPathCheck() {
    }

    /**
     * Checks one read-only path; the vetted default paths are only checked by name (walking /usr at every
     * start would cost a second).
     *
     * @throws UnsafeBindException when the path is refused
     */
    static void requireSafe(Path p) {
        HostBinds.requireSafe(p.toString());
        if (NativeSandbox.DEFAULT_READ_ONLY.contains(p) || !Files.exists(p, LinkOption.NOFOLLOW_LINKS)) {
            return; // a path the host lacks is simply absent in the box
        }
        if (Files.isSymbolicLink(p)) {
            // recreated as the same link: what it points to is reached only if bound too, but refuse a link
            // whose target is a refused place by name
            Path target;
            try {
                target = p.toRealPath();
            } catch (IOException dangling) {
                return; // points nowhere on the host either
            }
            try {
                HostBinds.requireSafe(target.toString());
            } catch (UnsafeBindException e) {
                throw new UnsafeBindException(p.toString(), "it links to " + target + "; " + e.getMessage());
            }
            return;
        }
        try {
            Files.walkFileTree(p, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isOther()) {
                        int type = (Integer) Files.getAttribute(file, "unix:mode", LinkOption.NOFOLLOW_LINKS) & S_IFMT;
                        if (type == S_IFSOCK || type == S_IFIFO) {
                            throw new UnsafeBindException(p.toString(), "it holds the " + (type == S_IFSOCK
                                    ? "socket " : "FIFO ") + file + ", which stays usable through a read-only bind");
                        }
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    return FileVisitResult.CONTINUE; // unreadable to the judge: not readable in a box either
                }
            });
        } catch (IOException e) {
            throw new UncheckedIOException("cannot check read-only path " + p, e);
        }
    }
}
