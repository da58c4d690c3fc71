package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Cgroups delegated to an unprivileged user, as an administrator (v1) or systemd's Delegate=yes (v2) would
 * set them up; made and removed by RootlessTest for each run.
 *
 * <p>v1: a directory under each of the memory, pids and cpuacct hierarchies, given to the user with its
 * control files. v2: a subtree with the controllers enabled above it, whose directory and delegation files
 * belong to the user; the judge's JVM starts in its {@code jvm} leaf (a process moves between cgroups only
 * where the user may write the common ancestor) and the sandbox's cgroups go under {@code sandbox}.
 */
final class DelegatedCgroups {
    private final CgroupVersion version;
    private final List<Path> roots;
    private final Path v2Leaf;

    private DelegatedCgroups(CgroupVersion version, List<Path> roots, Path v2Leaf) {
        this.version = version;
        this.roots = roots;
        this.v2Leaf = v2Leaf;
    }

    static DelegatedCgroups create(CgroupDetector.Detection det, String name, long uid, long gid) throws IOException {
        List<Path> roots = new ArrayList<>();
        for (Path defaultParent : det.driver().instanceParents()) {
            roots.add(defaultParent.getParent().resolve(name));
        }
        if (det.version() == CgroupVersion.V1) {
            for (Path dir : roots) {
                CgroupFiles.mkdirs(dir);
                give(dir, uid, gid, null);
            }
            return new DelegatedCgroups(CgroupVersion.V1, roots, null);
        }
        Path mount = det.driver().instanceParents().get(0).getParent();
        String enabled = CgroupFiles.read(mount.resolve("cgroup.subtree_control"));
        if (!(enabled.contains("memory") && enabled.contains("pids") && enabled.contains("cpu"))) {
            CgroupFiles.write(mount.resolve("cgroup.subtree_control"), CgroupV2.CONTROLLERS);
        }
        Path dir = roots.get(0);
        CgroupFiles.mkdirs(dir);
        give(dir, uid, gid, List.of("cgroup.procs", "cgroup.subtree_control", "cgroup.threads"));
        Path leaf = dir.resolve("jvm");
        CgroupFiles.mkdirs(leaf);
        give(leaf, uid, gid, List.of("cgroup.procs", "cgroup.threads"));
        return new DelegatedCgroups(CgroupVersion.V2, roots, leaf);
    }

    /** Gives a cgroup directory and its control files ({@code null}: all of them) to the user. */
    private static void give(Path dir, long uid, long gid, List<String> files) throws IOException {
        List<Path> paths = new ArrayList<>(List.of(dir));
        if (files == null) {
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, Files::isRegularFile)) {
                ds.forEach(paths::add);
            }
        } else {
            files.forEach(f -> paths.add(dir.resolve(f)));
        }
        for (Path p : paths) {
            Files.setAttribute(p, "unix:uid", (int) uid, LinkOption.NOFOLLOW_LINKS);
            Files.setAttribute(p, "unix:gid", (int) gid, LinkOption.NOFOLLOW_LINKS);
        }
    }

    /** Words that start the judge's JVM inside the delegation (v2), to put before its command. */
    List<String> enterPrefix() {
        if (version != CgroupVersion.V2) {
            return List.of();
        }
        return List.of("sh", "-c", "echo $$ > \"$0\" && exec \"$@\"", v2Leaf.resolve("cgroup.procs").toString());
    }

    /** The sandbox's cgroup parent, relative to the hierarchies' mounts. */
    String sandboxParent() {
        String name = roots.get(0).getFileName().toString();
        return version == CgroupVersion.V2 ? name + "/sandbox" : name;
    }

    /** Cgroups the sandbox left under the delegation. */
    List<Path> leftovers() throws IOException {
        List<Path> out = new ArrayList<>();
        for (Path root : roots) {
            Path parent = version == CgroupVersion.V2 ? root.resolve("sandbox") : root;
            if (!Files.isDirectory(parent)) {
                continue;
            }
            try (DirectoryStream<Path> ds = Files.newDirectoryStream(parent, Files::isDirectory)) {
                ds.forEach(out::add);
            }
        }
        return out;
    }

    void remove() throws IOException {
        for (Path root : roots) {
            CgroupFiles.killAndRemove(root);
        }
    }
}
