package dev.judge.sandbox.docker;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The host folder through which the two containers of a pair talk. Created with the sandbox and bound
 * read-only at {@value #CONTAINER_PATH} into every warm container, it holds one folder per running pair with
 * two FIFOs, made by the sandbox and removed when the pair is over. The binding is read-only, so no run can
 * create anything there (a FIFO keeps no data on disk, and a FIFO may be opened for writing on a read-only
 * mount); the folders are traversable but not listable by the containers' users, so a run learns at most the
 * random name of its own pair's folder. Needs the engine on this machine, as {@code hostToolchain()} does.
 */
final class PairFifos implements AutoCloseable {
    static final String CONTAINER_PATH = "/pair";
    static final String TO_PEER = "to-peer";
    static final String TO_PROGRAM = "to-program";
    private static final Set<PosixFilePermission> TRAVERSE_ONLY = PosixFilePermissions.fromString("rwx--x--x");

    private final Path root;

    private PairFifos(Path root) {
        this.root = root;
    }

    /** Creates the sandbox's folder under the system's temporary folder. */
    static PairFifos create(String poolName) {
        try {
            Path root = Files.createTempDirectory("judge-pairs-" + poolName + "-");
            Files.setPosixFilePermissions(root, TRAVERSE_ONLY);
            return new PairFifos(root);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create the folder for pairs' FIFOs", e);
        }
    }

    /** The host folder bound into every container. */
    Path root() {
        return root;
    }

    /** A fresh folder with the two FIFOs of one pair, readable and writable by every container's user. */
    Fifos open() {
        String name = UUID.randomUUID().toString();
        Path dir = root.resolve(name);
        try {
            Files.createDirectory(dir);
            Files.setPosixFilePermissions(dir, TRAVERSE_ONLY);
            // The JDK cannot make a FIFO; mkfifo's -m sets the mode past the umask.
            Process mkfifo = new ProcessBuilder("mkfifo", "-m", "0666", TO_PEER, TO_PROGRAM)
                    .directory(dir.toFile()).redirectErrorStream(true).start();
            String output;
            try (var out = mkfifo.getInputStream()) {
                output = new String(out.readAllBytes(), StandardCharsets.UTF_8).strip();
            }
            if (!mkfifo.waitFor(10, TimeUnit.SECONDS)) {
                mkfifo.destroyForcibly();
                throw new IOException("mkfifo did not finish");
            }
            if (mkfifo.exitValue() != 0) {
                throw new IOException("mkfifo failed: " + output);
            }
            return new Fifos(dir, CONTAINER_PATH + "/" + name);
        } catch (IOException e) {
            delete(dir);
            throw new UncheckedIOException("cannot create the FIFOs of a pair in " + dir, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            delete(dir);
            throw new UncheckedIOException(new IOException("interrupted while creating the FIFOs of a pair"));
        }
    }

    /** One pair's folder: on the host, and as the containers see it. Closing removes it. */
    record Fifos(Path hostDir, String containerDir) implements AutoCloseable {
        /** The program reads what the peer writes and writes what the peer reads. */
        RunnerProtocol.PairEnds programEnds() {
            return new RunnerProtocol.PairEnds(containerDir + "/" + TO_PROGRAM, containerDir + "/" + TO_PEER, true);
        }

        RunnerProtocol.PairEnds peerEnds() {
            return new RunnerProtocol.PairEnds(containerDir + "/" + TO_PEER, containerDir + "/" + TO_PROGRAM, false);
        }

        @Override
        public void close() {
            delete(hostDir);
        }
    }

    /** Removes the folder and every pair's folder left in it. */
    @Override
    public void close() {
        delete(root);
    }

    private static void delete(Path path) {
        if (!Files.exists(path)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(path)) {
            for (Path p : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove " + path, e);
        }
    }
}
