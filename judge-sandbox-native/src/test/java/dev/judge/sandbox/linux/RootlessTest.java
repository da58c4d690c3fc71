package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.testsupport.RequiredParts;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rootless operation for real: a child JVM running as the unprivileged user {@code judge-rootless} (made
 * by scripts/setup-machine.sh, with a subordinate id range) runs the Sandbox and pair contracts and the
 * rootless security cases (RootlessChild); this test, as root, prepares what an administrator would (cgroups
 * delegated to the user, a classpath the user can read) and checks that the host is left as it was.
 */
class RootlessTest {
    static final String USER = "judge-rootless";
    /** Test methods of RootlessContract and RootlessSecurityCases together, at least. */
    private static final int MIN_CASES = 30;

    @Test
    void theContractAndTheSecurityCasesPassInARootlessJvm() throws Exception {
        RequiredParts.require(RequiredParts.isRoot(), "root (to prepare the rootless user's cgroups and files)");
        long[] ids = passwdIds(USER);
        RequiredParts.require(ids != null, "user " + USER + " (scripts/setup-machine.sh creates it)");
        RootlessHost host = new RootlessHost(ids[0], ids[1], USER, RootlessHost.current().newuidmap(),
                RootlessHost.current().newgidmap(), Files.readString(Path.of("/etc/subuid")),
                Files.readString(Path.of("/etc/subgid")), null, null);
        int firstUid = TestSandboxes.firstUid();
        RootlessCheck.Result check = RootlessCheck.check(host, firstUid, RootlessSandboxes.SLOTS);
        RequiredParts.require(check.setup() != null, "rootless operation for " + USER + ": "
                + check.protection().detail());
        CgroupDetector.Detection det = CgroupDetector.detect();
        RequiredParts.require(det.driver() != null, "cgroups: " + det.detail());
        RootlessMapping mapping = check.setup().mapping();

        String delegated = "judge-rootless-" + ProcessHandle.current().pid();
        Path work = Files.createTempDirectory("judge-native-rootless-" + ProcessHandle.current().pid() + "-");
        DelegatedCgroups cgroups = DelegatedCgroups.create(det, delegated, ids[0], ids[1]);
        try {
            List<String> classpath = exposeClasspath(work.resolve("cp"));
            Path judgeFiles = Files.createDirectories(work.resolve("judge-files"));
            Path state = work.resolve("state");
            Files.createDirectories(work.resolve("tmp"));
            chownTree(work, ids[0], ids[1]);
            Files.setPosixFilePermissions(work, java.nio.file.attribute.PosixFilePermissions.fromString("rwxr-xr-x"));

            List<String> cmd = new ArrayList<>(cgroups.enterPrefix());
            cmd.addAll(List.of("setpriv", "--reuid=" + ids[0], "--regid=" + ids[1], "--clear-groups",
                    // no hsperfdata directory of the user left in /tmp
                    Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx256m", "-XX:-UsePerfData",
                    "-Djava.io.tmpdir=" + work.resolve("tmp"),
                    "-Djudge.rootless.cgroupParent=" + cgroups.sandboxParent(),
                    "-Djudge.rootless.state=" + state, "-Djudge.rootless.judgeFiles=" + judgeFiles,
                    "-Djudge.rootless.firstUid=" + firstUid,
                    "-cp", String.join(File.pathSeparator, classpath), RootlessChild.class.getName()));
            Path log = work.resolve("child.log");
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(work.toFile()).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            pb.environment().put("HOME", work.toString());
            Process child = pb.start();
            boolean ended = child.waitFor(240, TimeUnit.SECONDS);
            if (!ended) {
                child.destroyForcibly();
                child.waitFor(10, TimeUnit.SECONDS);
            }
            String output = Files.readString(log, StandardCharsets.UTF_8);
            assertThat(ended).as("the child ended in time:\n" + output).isTrue();
            String summary = output.lines().filter(l -> l.startsWith("ROOTLESS-SUMMARY ")).findFirst().orElse("");
            System.out.println("rootless child as " + USER + ": " + summary);
            assertThat(summary).as(output).contains("failed=0", "aborted=0", "skipped=0");
            assertThat(child.exitValue()).as(output).isZero();
            int found = Integer.parseInt(summary.replaceAll(".*found=(\\d+).*", "$1"));
            assertThat(found).as(output).isGreaterThanOrEqualTo(MIN_CASES);
            assertThat(summary).contains("succeeded=" + found);

            // the host as it was: no process of the user or of its boxes, no cgroup or directory left
            awaitNoProcess(ids[0], mapping);
            assertThat(cgroups.leftovers()).as("cgroups left under the delegated parents").isEmpty();
            try (Stream<Path> s = Files.exists(state) ? Files.list(state) : Stream.empty()) {
                // the box id lock files stay on purpose: empty, shared by every sandbox of the directory, and
                // removing one could race with another JVM locking it
                assertThat(s.filter(p -> !List.of(BoxIdLease.UIDS, BoxIdLease.GIDS)
                        .contains(p.getFileName().toString())).toList())
                        .as("instance dirs left in the state directory").isEmpty();
            }
            assertThat(Files.readString(Path.of("/proc/self/mountinfo"))).doesNotContain(work.toString());
        } finally {
            cgroups.remove();
            InstanceDirs.deleteTree(work);
        }
    }

    private static void awaitNoProcess(long uid, RootlessMapping m) throws InterruptedException {
        for (int i = 0; i < 250 && !processesOf(uid, m).isEmpty(); i++) {
            Thread.sleep(20);
        }
        assertThat(processesOf(uid, m)).as("processes of " + USER + " or of its boxes").isEmpty();
    }

    private static List<Long> processesOf(long uid, RootlessMapping m) {
        List<Long> out = new ArrayList<>();
        File[] entries = new File("/proc").listFiles();
        for (File f : entries == null ? new File[0] : entries) {
            if (!f.getName().chars().allMatch(Character::isDigit)) {
                continue;
            }
            try {
                for (String line : Files.readAllLines(f.toPath().resolve("status"))) {
                    if (line.startsWith("Uid:")) {
                        long u = Long.parseLong(line.split("\\s+")[1]);
                        if (u == uid || (u >= m.hostUid(0) && u <= m.hostUid(m.boxes() - 1))) {
                            out.add(Long.parseLong(f.getName()));
                        }
                    }
                }
            } catch (IOException | RuntimeException gone) {
                // ended while we looked
            }
        }
        return out;
    }

    /** uid and gid of a user from /etc/passwd, {@code null} when it has no entry. */
    static long[] passwdIds(String user) throws IOException {
        for (String line : Files.readAllLines(Path.of("/etc/passwd"))) {
            String[] f = line.split(":");
            if (f.length > 3 && f[0].equals(user)) {
                return new long[] {Long.parseLong(f[2]), Long.parseLong(f[3])};
            }
        }
        return null;
    }

    /**
     * Copies this JVM's classpath where the user can read it (root's home and Maven repository are
     * private), and returns the copied entries in order.
     */
    private static List<String> exposeClasspath(Path dir) throws IOException {
        Files.createDirectories(dir);
        List<String> out = new ArrayList<>();
        int n = 0;
        for (Path entry : classpath()) {
            if (!Files.exists(entry)) {
                continue;
            }
            Path target = dir.resolve(Integer.toString(n++) + (Files.isDirectory(entry) ? "" : ".jar"));
            if (Files.isDirectory(entry)) {
                try (Stream<Path> s = Files.walk(entry)) {
                    for (Path p : (Iterable<Path>) s::iterator) {
                        Path t = target.resolve(entry.relativize(p).toString());
                        if (Files.isDirectory(p)) {
                            Files.createDirectories(t);
                        } else {
                            Files.copy(p, t, StandardCopyOption.COPY_ATTRIBUTES);
                        }
                    }
                }
            } else {
                Files.copy(entry, target);
            }
            out.add(target.toString());
        }
        return out;
    }

    /** The test classpath; a manifest-only jar (as surefire may use) is opened up into its entries. */
    private static List<Path> classpath() throws IOException {
        List<Path> out = new ArrayList<>();
        for (String e : System.getProperty("java.class.path").split(File.pathSeparator)) {
            Path p = Path.of(e);
            String manifestPath = null;
            if (e.endsWith(".jar") && Files.isRegularFile(p)) {
                try (JarFile jar = new JarFile(p.toFile())) {
                    manifestPath = jar.getManifest() == null ? null
                            : jar.getManifest().getMainAttributes().getValue("Class-Path");
                }
            }
            if (manifestPath != null && p.getFileName().toString().startsWith("surefire")) {
                for (String url : manifestPath.trim().split("\\s+")) {
                    out.add(Path.of(java.net.URI.create(url)));
                }
            } else {
                out.add(p);
            }
        }
        return out;
    }

    static void chownTree(Path dir, long uid, long gid) throws IOException {
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : (Iterable<Path>) s::iterator) {
                Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
                Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
            }
        }
    }
}
