package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** Plain file I/O on cgroup control files. */
final class CgroupFiles {
    private CgroupFiles() {
    }

    static void write(Path file, String value) throws IOException {
        // one write per value, as the kernel expects; never CREATE: a missing control file is an error
        Files.write(file, value.getBytes(StandardCharsets.US_ASCII), java.nio.file.StandardOpenOption.WRITE,
                java.nio.file.StandardOpenOption.TRUNCATE_EXISTING);
    }

    static String read(Path file) throws IOException {
        return Files.readString(file, StandardCharsets.US_ASCII);
    }

    static long readLong(Path file) throws IOException {
        return CgroupReadings.number(read(file));
    }

    static List<Integer> pids(Path procs) throws IOException {
        List<Integer> out = new ArrayList<>();
        if (!Files.exists(procs)) {
            return out;
        }
        for (String line : read(procs).split("\n")) {
            if (!line.isBlank()) {
                out.add(Integer.parseInt(line.trim()));
            }
        }
        return out;
    }

    static void mkdirs(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            Files.createDirectories(dir);
        }
    }

    /**
     * Kills what is left in a cgroup directory tree and removes it, deepest first. Used for stale
     * instances of dead JVMs and on close.
     */
    static void killAndRemove(Path dir) throws IOException {
        if (!Files.isDirectory(dir, LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isDirectory)) {
            for (Path sub : ds) {
                killAndRemove(sub);
            }
        }
        Path procs = dir.resolve("cgroup.procs");
        for (int attempt = 0; attempt < 100; attempt++) {
            List<Integer> pids = pids(procs);
            if (pids.isEmpty()) {
                break;
            }
            for (int pid : pids) {
                Libc.INSTANCE.kill(pid, Libc.SIGKILL);
            }
            try {
                Thread.sleep(10);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        // a real cgroup directory is removed with rmdir while its control files are still listed
        if (!dir.toFile().delete()) {
            throw new IOException("cannot remove cgroup " + dir);
        }
    }
}
