package dev.judge.sandbox.linux;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * What decides whether the judge can run rootless on this host: who it runs as, the setuid id-mapping
 * tools, the subordinate id files and the kernel's switches for unprivileged user namespaces. A record so
 * that the doctor's reasoning can be tested with any host.
 *
 * @param uid             the judge's uid
 * @param gid             the judge's primary gid
 * @param user            the judge's user name ({@code null} when /etc/passwd does not list it)
 * @param newuidmap       the newuidmap tool, if found
 * @param newgidmap       the newgidmap tool, if found
 * @param subuid          text of /etc/subuid, {@code null} when unreadable
 * @param subgid          text of /etc/subgid, {@code null} when unreadable
 * @param unprivilegedClone value of /proc/sys/kernel/unprivileged_userns_clone, {@code null} when absent
 * @param maxUserNamespaces value of /proc/sys/user/max_user_namespaces, {@code null} when absent
 */
record RootlessHost(long uid, long gid, String user, Optional<Path> newuidmap, Optional<Path> newgidmap,
        String subuid, String subgid, String unprivilegedClone, String maxUserNamespaces) {

    private static final List<String> TOOL_DIRS = List.of("/usr/bin", "/bin", "/usr/sbin", "/sbin", "/usr/local/bin");

    /** This host, as seen by this process. */
    static RootlessHost current() {
        long uid = Integer.toUnsignedLong(Libc.INSTANCE.getuid());
        long gid = Integer.toUnsignedLong(Libc.INSTANCE.getgid());
        return new RootlessHost(uid, gid, userName(uid), tool("newuidmap"), tool("newgidmap"),
                read("/etc/subuid"), read("/etc/subgid"), read("/proc/sys/kernel/unprivileged_userns_clone"),
                read("/proc/sys/user/max_user_namespaces"));
    }

    private static Optional<Path> tool(String name) {
        // the helper runs with an empty environment: the tool is passed by absolute path, never looked up
        return TOOL_DIRS.stream().map(d -> Path.of(d, name)).filter(Files::isExecutable).findFirst();
    }

    private static String read(String file) {
        try {
            return Files.readString(Path.of(file)).trim();
        } catch (IOException e) {
            return null;
        }
    }

    private static String userName(long uid) {
        String passwd = read("/etc/passwd");
        if (passwd != null) {
            for (String line : passwd.split("\n")) {
                String[] f = line.split(":");
                if (f.length > 2 && f[2].equals(Long.toString(uid))) {
                    return f[0];
                }
            }
        }
        return null;
    }
}
