package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds which cgroup hierarchy the host offers, from {@code /proc/self/mountinfo}. v1 wins when its
 * memory, pids and cpuacct controllers are all mounted (a hybrid host then has an empty v2 tree);
 * otherwise v2 when its root delegates memory, pids and cpu. Either is usable only when this process may
 * create the sandbox's cgroups under the parent (relative to each hierarchy's mount): root can anywhere,
 * another user only in a subtree delegated to it.
 *
 * <p>Each run moves into its box's cgroups (a write to {@code cgroup.procs}). The kernel guards such moves with
 * one lock for the whole host whose writers, once the lock has been idle for a while, first wait for an RCU grace
 * period: measured on the build machine, a move after a pause of 20 ms or more took 5 to 20 ms against 0.2 ms for
 * one right after another, so a submission's first run in each slot waited that long. The cgroup2 mount option
 * {@code favordynmods} (Linux 6.0 on) keeps the lock ready for writers, at a small cost to every fork and exit;
 * moves then took 0.13 to 0.3 ms after any pause. It applies to the whole host whichever hierarchy the boxes use,
 * so the detail says whether some cgroup2 mount has it.
 */
final class CgroupDetector {
    private CgroupDetector() {
    }

    /** The outcome: a driver, or none with the reason. */
    record Detection(CgroupVersion version, CgroupDriver driver, String detail) {
    }

    static Detection detect() {
        return detectFor(CgroupDriver.DEFAULT_PARENT);
    }

    /** The host's hierarchy, with the sandbox's cgroups under {@code parent}. */
    static Detection detectFor(String parent) {
        try {
            return detect(Files.readString(Path.of("/proc/self/mountinfo")), parent);
        } catch (IOException e) {
            return new Detection(CgroupVersion.NONE, null, "cannot read /proc/self/mountinfo: " + e.getMessage());
        }
    }

    static Detection detect(String mountinfo) {
        return detect(mountinfo, CgroupDriver.DEFAULT_PARENT);
    }

    static Detection detect(String mountinfo, String parent) {
        return detect(mountinfo, parent, Files::isWritable);
    }

    /** {@code writable}: whether this process may write a directory or file (a parameter for tests). */
    static Detection detect(String mountinfo, String parent, java.util.function.Predicate<Path> writable) {
        Map<String, Path> v1 = new HashMap<>();
        Path v2 = null;
        boolean favorsMoves = false;
        for (String line : mountinfo.split("\n")) {
            int sep = line.indexOf(" - ");
            if (sep < 0) {
                continue;
            }
            String[] left = line.substring(0, sep).split(" ");
            String[] right = line.substring(sep + 3).split(" ");
            if (left.length < 5 || right.length < 3) {
                continue;
            }
            Path mountPoint = Path.of(unescape(left[4]));
            if (right[0].equals("cgroup2")) {
                v2 = mountPoint;
                favorsMoves |= List.of(right[2].split(",")).contains("favordynmods");
            } else if (right[0].equals("cgroup")) {
                for (String opt : right[2].split(",")) {
                    if (Set.of("memory", "pids", "cpuacct", "cpuset", "cpu").contains(opt)) {
                        v1.putIfAbsent(opt, mountPoint);
                    }
                }
            }
        }
        if (v1.keySet().containsAll(List.of("memory", "pids", "cpuacct"))) {
            for (String controller : List.of("memory", "pids", "cpuacct")) {
                Path dir = v1.get(controller).resolve(parent);
                if (!writable.test(nearestExisting(dir))) {
                    return new Detection(CgroupVersion.NONE, null, "cgroup v1: " + dir + " is not writable by this "
                            + "user; an administrator must create " + parent + " under each of the memory, pids and "
                            + "cpuacct hierarchies and give it to the user (chown -R), or choose another parent "
                            + "with NativeSandbox.Builder.cgroupParent");
                }
            }
            // CPU placement is optional: used where cpuset and cpu are mounted and the parent is writable there
            boolean place = v1.containsKey("cpuset") && v1.containsKey("cpu")
                    && writable.test(nearestExisting(v1.get("cpuset").resolve(parent)))
                    && writable.test(nearestExisting(v1.get("cpu").resolve(parent)));
            return new Detection(CgroupVersion.V1, new CgroupV1(v1.get("memory"), v1.get("pids"), v1.get("cpuacct"),
                    place ? v1.get("cpuset") : null, place ? v1.get("cpu") : null, parent), "cgroup v1: memory at "
                    + v1.get("memory") + ", pids at " + v1.get("pids") + ", cpuacct at " + v1.get("cpuacct")
                    + (place ? ", cpuset at " + v1.get("cpuset") + ", cpu at " + v1.get("cpu")
                            : ", no CPU placement (cpuset and cpu " + (v1.containsKey("cpuset") && v1.containsKey("cpu")
                                    ? "not writable under " + parent + ")" : "not both mounted)"))
                    + ", boxes under " + parent + moves(favorsMoves));
        }
        if (v2 != null) {
            String controllers;
            try {
                controllers = Files.readString(v2.resolve("cgroup.controllers")).trim();
            } catch (IOException e) {
                return new Detection(CgroupVersion.NONE, null, "cannot read " + v2 + "/cgroup.controllers");
            }
            List<String> have = List.of(controllers.split("\\s+"));
            if (have.containsAll(List.of("memory", "pids", "cpu"))) {
                Path dir = v2.resolve(parent);
                Path existing = nearestExisting(dir);
                if (!writable.test(existing) || !writable.test(existing.resolve("cgroup.subtree_control"))) {
                    return new Detection(CgroupVersion.NONE, null, "cgroup v2: " + dir + " is not writable by this "
                            + "user; it needs a delegated subtree (e.g. a systemd unit with Delegate=yes) with "
                            + "memory, pids and cpu enabled, the sandbox's parent inside it "
                            + "(NativeSandbox.Builder.cgroupParent) and the judge itself in a cgroup of that subtree");
                }
                return new Detection(CgroupVersion.V2, new CgroupV2(v2, parent), "cgroup v2 at " + v2 + " ("
                        + controllers + "), " + (have.contains("cpuset") ? "" : "no CPU placement (no cpuset), ")
                        + "boxes under " + parent + moves(favorsMoves));
            }
            return new Detection(CgroupVersion.NONE, null, "cgroup v2 at " + v2 + " lacks controllers (has: '"
                    + controllers + "', needs memory, pids, cpu)" + (v1.isEmpty() ? "" : "; v1 has only " + v1Needed(v1)));
        }
        return new Detection(CgroupVersion.NONE, null,
                v1.isEmpty() ? "no cgroup hierarchy mounted" : "cgroup v1 has only " + v1Needed(v1));
    }

    private static String moves(boolean favored) {
        return favored ? "; moves into cgroups favored (favordynmods)" : "; each run's move into its cgroups may wait"
                + " 5 to 20 ms after a pause: mount a cgroup2 hierarchy with favordynmods (e.g. mount -o"
                + " remount,favordynmods /sys/fs/cgroup) to remove the wait";
    }

    /** The required v1 controllers the host mounts (the optional cpuset and cpu say nothing here). */
    private static List<String> v1Needed(Map<String, Path> v1) {
        return List.of("memory", "pids", "cpuacct").stream().filter(v1::containsKey).toList();
    }

    /** The directory itself if it exists, else its closest existing ancestor. */
    private static Path nearestExisting(Path dir) {
        Path p = dir;
        while (p.getParent() != null && !Files.isDirectory(p)) {
            p = p.getParent();
        }
        return p;
    }

    /** mountinfo escapes space, tab, newline and backslash as octal. */
    private static String unescape(String s) {
        StringBuilder b = new StringBuilder();
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c == '\\' && i + 3 < s.length()) {
                b.append((char) Integer.parseInt(s.substring(i + 1, i + 4), 8));
                i += 3;
            } else {
                b.append(c);
            }
        }
        return b.toString();
    }
}
