package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * Names an instance after its JVM ({@code <pid>-<start time>}) so that what a killed JVM left behind
 * (cgroups, private directories) can be told apart from what a live one still uses, and reaped.
 */
final class InstanceDirs {
    private InstanceDirs() {
    }

    static String currentInstance(int salt) {
        long pid = ProcessHandle.current().pid();
        return pid + "-" + startTime(pid).orElse("0") + "-" + salt;
    }

    /** Whether the JVM that named the instance is still running. */
    static boolean alive(String instance) {
        String[] parts = instance.split("-");
        if (parts.length < 2) {
            return true; // not ours: leave it alone
        }
        try {
            long pid = Long.parseLong(parts[0]);
            return startTime(pid).map(parts[1]::equals).orElse(false);
        } catch (NumberFormatException e) {
            return true;
        }
    }

    /** Field 22 of /proc/pid/stat: start time in clock ticks since boot. */
    static Optional<String> startTime(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc/" + pid + "/stat"));
            String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
            return Optional.of(f[19]);
        } catch (IOException | RuntimeException e) {
            return Optional.empty();
        }
    }

    /** Creates {@code base} owner-only, refusing a base that is a link or belongs to someone else. */
    static void ensurePrivateBase(Path base) throws IOException {
        if (!Files.exists(base, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.createDirectory(base, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            } catch (java.nio.file.FileAlreadyExistsException raced) {
                // another JVM created it; checked below
            }
        }
        PosixFileAttributes a = Files.readAttributes(base, PosixFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        if (!a.isDirectory()) {
            throw new IOException(base + " is not a directory");
        }
        int uid = (Integer) Files.getAttribute(base, "unix:uid", LinkOption.NOFOLLOW_LINKS);
        if (uid != Libc.INSTANCE.geteuid()) {
            throw new IOException(base + " belongs to uid " + uid + ", not to this process");
        }
        Files.setPosixFilePermissions(base, PosixFilePermissions.fromString("rwx------"));
    }

    /** Removes the private directories of dead instances under {@code base}. */
    static void reapDirs(Path base) throws IOException {
        if (!Files.isDirectory(base, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(base)) {
            for (Path p : ds) {
                if (!alive(p.getFileName().toString())) {
                    deleteTree(p);
                }
            }
        }
    }

    /** Kills and removes the cgroups of dead instances. */
    static void reapCgroups(CgroupDriver driver) throws IOException {
        for (Path parent : driver.instanceParents()) {
            if (!Files.isDirectory(parent, LinkOption.NOFOLLOW_LINKS)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, Files::isDirectory)) {
                for (Path inst : ds) {
                    if (!alive(inst.getFileName().toString())) {
                        CgroupFiles.killAndRemove(inst);
                    }
                }
            }
        }
    }

    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s.sorted(Comparator.reverseOrder())::iterator) {
                Files.deleteIfExists(p);
            }
        }
    }
}
