package dev.judge.sandbox.linux;

import java.nio.file.Path;

/** Decides whether a non-root judge can run the sandbox rootless, and if so with which ids. */
final class RootlessCheck {
    private RootlessCheck() {
    }

    /**
     * The outcome: the doctor's {@code rootless} line, and the tools and ids when it is active.
     *
     * @param protection the doctor's line
     * @param setup      {@code null} when rootless operation is unavailable
     */
    record Result(Protection protection, Setup setup) {
    }

    /** What the helpers of a rootless sandbox are started with. */
    record Setup(Path newuidmap, Path newgidmap, RootlessMapping mapping) {
    }

    static Result check(RootlessHost host, int firstBoxId, int boxes) {
        if ("0".equals(host.unprivilegedClone())) {
            return missing("user namespaces are disabled for unprivileged users "
                    + "(/proc/sys/kernel/unprivileged_userns_clone is 0)");
        }
        if ("0".equals(host.maxUserNamespaces())) {
            return missing("user namespaces are disabled (/proc/sys/user/max_user_namespaces is 0)");
        }
        if (host.newuidmap().isEmpty() || host.newgidmap().isEmpty()) {
            return missing("newuidmap/newgidmap not found (install the uidmap package)");
        }
        if (host.user() == null) {
            return missing("uid " + host.uid() + " is not in /etc/passwd (newuidmap needs the user's name)");
        }
        if (host.subuid() == null || host.subgid() == null) {
            return missing("cannot read /etc/subuid or /etc/subgid");
        }
        RootlessMapping m;
        try {
            m = plan(host, firstBoxId, boxes);
        } catch (IllegalStateException e) {
            return missing(e.getMessage());
        }
        String detail = "running as " + host.user() + " (uid " + host.uid() + ") in a user namespace mapped by "
                + host.newuidmap().get() + ": uid " + host.uid() + " -> 0, box uids " + firstBoxId + ".."
                + (firstBoxId + boxes - 1) + " -> host uids " + m.hostUid(0) + ".." + m.hostUid(boxes - 1)
                + ", box gids -> host gids " + m.hostGid(0) + ".." + m.hostGid(boxes - 1)
                + " (from /etc/subuid and /etc/subgid)";
        return new Result(new Protection("rootless", true, detail),
                new Setup(host.newuidmap().get(), host.newgidmap().get(), m));
    }

    /** The id plan alone; throws {@link IllegalStateException} naming /etc/subuid or /etc/subgid. */
    static RootlessMapping plan(RootlessHost host, int firstBoxId, int boxes) {
        String user = host.user() == null ? Long.toString(host.uid()) : host.user();
        return RootlessMapping.plan(host.uid(), host.gid(), user, host.subuid() == null ? "" : host.subuid(),
                host.subgid() == null ? "" : host.subgid(), firstBoxId, boxes);
    }

    private static Result missing(String why) {
        return new Result(new Protection("rootless", false, "rootless operation unavailable: " + why), null);
    }
}
