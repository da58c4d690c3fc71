package dev.judge.sandbox.linux;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A stand-in for a machine on the internet: a network namespace joined to the host by a veth pair and
 * holding a public-range address (TEST-NET-3, 203.0.113.0/24, routed only through the pair), so that a box
 * can show outbound traffic works without the test machine having an internet route. The host side of the
 * pair has no address of its own: the host reaches the address by its route, as it would a remote one.
 */
final class OutsideHost implements AutoCloseable {
    /** The outside machine's address. */
    static final String ADDRESS = "203.0.113.5";

    private final String name;
    private final Path dir;
    private final List<Process> servers = new ArrayList<>();

    private OutsideHost(String name, Path dir) {
        this.name = name;
        this.dir = dir;
    }

    /** Creates the namespace, the pair and the route; root only. */
    static OutsideHost create() throws IOException {
        String name = "jnt" + ProcessHandle.current().pid() % 100_000;
        OutsideHost h = new OutsideHost(name, Files.createTempDirectory("judge-outside-"));
        try {
            ip("netns", "add", name);
            ip("link", "add", name + "h", "type", "veth", "peer", "name", name + "p");
            ip("link", "set", name + "p", "netns", name);
            ip("link", "set", name + "h", "up");
            ip("route", "add", ADDRESS + "/32", "dev", name + "h");
            ip("-n", name, "link", "set", "lo", "up");
            ip("-n", name, "link", "set", name + "p", "up");
            ip("-n", name, "addr", "add", ADDRESS + "/32", "dev", name + "p");
            ip("-n", name, "route", "add", "default", "dev", name + "p");
            return h;
        } catch (IOException | RuntimeException e) {
            h.close();
            throw e;
        }
    }

    /** Starts a server in the outside namespace that answers the first connection on {@code port} with a line. */
    void serveOnce(int port) throws IOException {
        Path server = dir.resolve("server");
        if (!Files.exists(server)) {
            Files.write(server, CPrograms.compile(NetworkPrograms.ONE_SHOT_SERVER));
            Files.setPosixFilePermissions(server, PosixFilePermissions.fromString("rwx------"));
        }
        Process p = new ProcessBuilder("ip", "netns", "exec", name, server.toString(), ADDRESS,
                Integer.toString(port)).redirectErrorStream(true).start();
        servers.add(p);
        String first = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8)).readLine();
        if (!"listening".equals(first)) {
            throw new IOException("the outside server did not start: " + first);
        }
    }

    private static void ip(String... args) throws IOException {
        List<String> cmd = new ArrayList<>(List.of("ip"));
        cmd.addAll(List.of(args));
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        try {
            if (!p.waitFor(10, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IOException(String.join(" ", cmd) + " failed: " + out);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException(e);
        }
    }

    /** Removes the namespace (and with it the pair and the route) and stops its servers. */
    @Override
    public void close() throws IOException {
        for (Process p : servers) {
            p.destroyForcibly();
        }
        try {
            ip("link", "del", name + "h");
        } catch (IOException e) {
            // absent when creation failed early, or already gone with the namespace
        }
        ip("netns", "del", name);
        InstanceDirs.deleteTree(dir);
    }
}
