package dev.judge.sandbox.docker;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * The runtime image's root filesystem as a tar stream: folders, an {@code /etc/passwd} and
 * {@code /etc/group} naming the unprivileged users, empty mount points and the statically linked runner.
 * The same inputs give the same bytes (sorted entries, one fixed time, owner 0:0), so the digest of the
 * tar tells whether an image is up to date.
 */
final class RootFs {
    /** Users named in the image from the uid base on, which is also the range sandboxes take their ids from. */
    static final int USERS = 1024;
    static final Instant MTIME = Instant.parse("2020-01-01T00:00:00Z");
    static final String RUNNER_RESOURCE = "runner";

    /**
     * What of the host the image mirrors: top-level folders that are symlinks on the host (merged
     * {@code /usr}) with their targets, the rest of {@code /bin}, {@code /lib}, {@code /lib64}, {@code /sbin}
     * as empty folders, and the JDK configuration folders {@code /etc/java-*} as mount points.
     */
    record Host(Map<String, String> topLevelLinks, List<String> javaEtcDirs) {
        static final List<String> TOP_LEVEL = List.of("bin", "lib", "lib64", "sbin");

        Host {
            topLevelLinks = Map.copyOf(topLevelLinks);
            javaEtcDirs = List.copyOf(javaEtcDirs);
            for (String name : topLevelLinks.keySet()) {
                if (!TOP_LEVEL.contains(name)) {
                    throw new IllegalArgumentException("not a top-level folder the image mirrors: " + name);
                }
            }
            for (String dir : javaEtcDirs) {
                if (!dir.matches("java-[A-Za-z0-9._+-]+")) {
                    throw new IllegalArgumentException("not a JDK configuration folder: " + dir);
                }
            }
        }

        /** This machine's layout. */
        static Host local() {
            Map<String, String> links = new LinkedHashMap<>();
            for (String name : TOP_LEVEL) {
                Path p = Path.of("/", name);
                if (Files.isSymbolicLink(p)) {
                    try {
                        links.put(name, Files.readSymbolicLink(p).toString());
                    } catch (IOException e) {
                        throw new UncheckedIOException("cannot read the symlink " + p, e);
                    }
                }
            }
            List<String> java = new ArrayList<>();
            try (var etc = Files.newDirectoryStream(Path.of("/etc"), "java-*")) {
                for (Path p : etc) {
                    if (Files.isDirectory(p)) {
                        java.add(p.getFileName().toString());
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot list /etc", e);
            }
            return new Host(links, java);
        }
    }

    /** The tar stream and the first 12 hex digits of its SHA-256, the value of the image's label. */
    record Tar(byte[] bytes, String digest) {
    }

    private RootFs() {
    }

    /** The runner compiled into this jar, checked against the SHA-256 recorded when it was compiled. */
    static byte[] bundledRunner() {
        try {
            byte[] bytes = resource(RUNNER_RESOURCE);
            String expected = new String(resource(RUNNER_RESOURCE + ".sha256"), StandardCharsets.US_ASCII).trim();
            if (!sha256(bytes).equals(expected)) {
                throw new IllegalStateException("the bundled runner does not match its recorded SHA-256");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static byte[] resource(String name) throws IOException {
        try (InputStream in = RootFs.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IOException("the runner's resource '" + name
                        + "' is missing from the jar (was the module built with gcc and a static libc?)");
            }
            return in.readAllBytes();
        }
    }

    /** The root filesystem for users from {@code uidBase}, the host's layout and the runner's bytes. */
    static Tar build(int uidBase, Host host, byte[] runner) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(runner, "runner");
        if (uidBase < 1 || uidBase > Integer.MAX_VALUE - USERS) {
            throw new IllegalArgumentException("uidBase out of range: " + uidBase);
        }
        if (runner.length == 0) {
            throw new IllegalArgumentException("runner is empty");
        }
        // Sorted by name: a parent sorts before its children, and the order never depends on insertion.
        TreeMap<String, Entry> entries = new TreeMap<>();
        for (String dir : List.of("dev", "etc", "etc/alternatives", "opt", "opt/judge", "proc", "sys", "usr")) {
            entries.put(dir, Entry.dir(0755));
        }
        entries.put("tmp", Entry.dir(01777));
        entries.put("work", Entry.dir(01777));
        for (String name : Host.TOP_LEVEL) {
            String target = host.topLevelLinks().get(name);
            entries.put(name, target == null ? Entry.dir(0755) : Entry.symlink(target));
        }
        for (String dir : host.javaEtcDirs()) {
            entries.put("etc/" + dir, Entry.dir(0755));
        }
        // Mount points for files: the dynamic linker's cache (bound at run time) and the files Docker
        // itself binds into every container.
        for (String file : List.of("etc/ld.so.cache", "etc/hosts", "etc/hostname", "etc/resolv.conf")) {
            entries.put(file, Entry.file(0644, new byte[0]));
        }
        entries.put("etc/passwd", Entry.file(0644, passwd(uidBase).getBytes(StandardCharsets.US_ASCII)));
        entries.put("etc/group", Entry.file(0644, group(uidBase).getBytes(StandardCharsets.US_ASCII)));
        entries.put("opt/judge/runner", Entry.file(0755, runner));

        ByteArrayOutputStream out = new ByteArrayOutputStream(runner.length + 64 * 1024);
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            for (Map.Entry<String, Entry> e : entries.entrySet()) {
                e.getValue().write(tar, e.getKey());
            }
            tar.finish();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the root filesystem", e);
        }
        byte[] bytes = out.toByteArray();
        return new Tar(bytes, sha256(bytes).substring(0, 12));
    }

    static String passwd(int uidBase) {
        StringBuilder s = new StringBuilder("root:x:0:0:root:/root:/nonexistent\n");
        for (int i = 0; i < USERS; i++) {
            int id = uidBase + i;
            s.append("judge").append(i).append(":x:").append(id).append(':').append(id)
                    .append(":judge:/work:/nonexistent\n");
        }
        return s.append("nobody:x:65534:65534:nobody:/nonexistent:/nonexistent\n").toString();
    }

    static String group(int uidBase) {
        StringBuilder s = new StringBuilder("root:x:0:\n");
        for (int i = 0; i < USERS; i++) {
            s.append("judge").append(i).append(":x:").append(uidBase + i).append(":\n");
        }
        return s.append("nogroup:x:65534:\n").toString();
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** One entry: a folder, a regular file or a symlink, always owned by 0:0 with the fixed time. */
    private record Entry(byte type, int mode, byte[] content, String linkTarget) {
        static Entry dir(int mode) {
            return new Entry(TarConstants.LF_DIR, mode, null, null);
        }

        static Entry file(int mode, byte[] content) {
            return new Entry(TarConstants.LF_NORMAL, mode, content, null);
        }

        static Entry symlink(String target) {
            return new Entry(TarConstants.LF_SYMLINK, 0777, null, target);
        }

        void write(TarArchiveOutputStream tar, String name) throws IOException {
            TarArchiveEntry e = new TarArchiveEntry(type == TarConstants.LF_DIR ? name + "/" : name, type);
            e.setMode(mode);
            e.setIds(0, 0);
            e.setUserName("");
            e.setGroupName("");
            e.setLastModifiedTime(FileTime.from(MTIME));
            if (linkTarget != null) {
                e.setLinkName(linkTarget);
            }
            if (content != null) {
                e.setSize(content.length);
            }
            tar.putArchiveEntry(e);
            if (content != null) {
                tar.write(content);
            }
            tar.closeArchiveEntry();
        }
    }
}
