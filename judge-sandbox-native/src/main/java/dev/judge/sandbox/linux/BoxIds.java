package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.SandboxException;
import java.io.IOException;
import java.nio.file.Path;

/**
 * The ids a starting sandbox's boxes run as, held for the sandbox's life: its first box uid, the rootless
 * plan for it ({@code null} as root), and the leases on the host ids they map to.
 */
final class BoxIds implements AutoCloseable {
    /** Default blocks tried before giving up: every block of 256 uids a JVM may pick from. */
    static final int MAX_ATTEMPTS = BoxPool.DEFAULT_BLOCKS;

    private final int firstUid;
    private final RootlessCheck.Result rootless;
    private final BoxIdLease uids;
    /** {@code null} as root, where a box's gid is its uid. */
    private final BoxIdLease gids;

    private BoxIds(int firstUid, RootlessCheck.Result rootless, BoxIdLease uids, BoxIdLease gids) {
        this.firstUid = firstUid;
        this.rootless = rootless;
        this.uids = uids;
        this.gids = gids;
    }

    /**
     * Takes the configured first uid, or else the first default block of this JVM whose host ids no live
     * sandbox sharing the state directory holds.
     *
     * @throws SandboxException      when the configured ids (or every default block) are held already
     * @throws IllegalStateException when a rootless user's subordinate ids cannot hold the boxes
     */
    static BoxIds claim(Settings s, long pid, int number) throws IOException {
        InstanceDirs.ensurePrivateBase(s.stateDirectory());
        if (s.firstUid() != null) {
            BoxIds ids = tryClaim(s, s.firstUid());
            if (ids == null) {
                throw new SandboxException("box uids " + s.firstUid() + ".." + (s.firstUid() + s.boxes() - 1)
                        + " (or the host ids they map to) belong to another live native sandbox on this host; "
                        + "give each sandbox a firstUid range of its own");
            }
            return ids;
        }
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            BoxIds ids = tryClaim(s, BoxPool.defaultFirstUid(pid, number, attempt));
            if (ids != null) {
                return ids;
            }
        }
        throw new SandboxException("every default block of box uids is held by another native sandbox");
    }

    private static BoxIds tryClaim(Settings s, int firstUid) throws IOException {
        RootlessCheck.Result rootless = HostChecks.rootless(firstUid, s.boxes());
        RootlessMapping m = rootless == null || rootless.setup() == null ? null : rootless.setup().mapping();
        Path dir = s.stateDirectory();
        BoxIdLease uids = BoxIdLease.tryTake(dir.resolve(BoxIdLease.UIDS), m == null ? firstUid : m.hostUid(0),
                s.boxes());
        if (uids == null) {
            return null;
        }
        if (m == null) {
            return new BoxIds(firstUid, rootless, uids, null);
        }
        BoxIdLease gids = BoxIdLease.tryTake(dir.resolve(BoxIdLease.GIDS), m.hostGid(0), s.boxes());
        if (gids == null) {
            uids.close();
            return null;
        }
        return new BoxIds(firstUid, rootless, uids, gids);
    }

    int firstUid() {
        return firstUid;
    }

    /** {@code null} as root. */
    RootlessCheck.Result rootless() {
        return rootless;
    }

    /** Gives the ids back; never throws. */
    @Override
    public void close() {
        uids.close();
        if (gids != null) {
            gids.close();
        }
    }
}
