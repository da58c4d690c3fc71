package dev.judge.sandbox.linux;

import java.util.List;

/**
 * The ids of a rootless sandbox. Each box's helper enters a user namespace where the judge's own uid and
 * gid are 0 and the box's uid and gid ({@code firstBoxId + box}, as in root mode) map to host ids
 * taken from the user's subordinate ranges, so a box never runs as the judge's own uid.
 *
 * @param outerUid   the judge's uid on the host
 * @param outerGid   the judge's primary gid on the host
 * @param firstBoxId the uid and gid of box 0 inside the namespace
 * @param boxes      how many boxes, one id each
 * @param firstHostUid host uid of box 0 (box i has {@code firstHostUid + i})
 * @param firstHostGid host gid of box 0
 */
record RootlessMapping(long outerUid, long outerGid, int firstBoxId, int boxes, long firstHostUid, long firstHostGid) {

    long hostUid(int box) {
        return firstHostUid + box;
    }

    long hostGid(int box) {
        return firstHostGid + box;
    }

    /**
     * Places the boxes' ids in the first subordinate range large enough for them. Within the range the
     * block starts at {@code firstBoxId} modulo the room left, so that sandboxes with different box ids
     * (by default each takes its own block) mostly get different host ids too.
     *
     * @throws IllegalStateException when the user has no range in the file, or none holds {@code boxes} ids,
     *                               or the block would hold the judge's own id or root's
     */
    static RootlessMapping plan(long uid, long gid, String user, String subuid, String subgid, int firstBoxId,
            int boxes) {
        long hostUid = place("/etc/subuid", SubordinateIds.of(subuid, user, uid), user, uid, uid, firstBoxId, boxes);
        long hostGid = place("/etc/subgid", SubordinateIds.of(subgid, user, uid), user, uid, gid, firstBoxId, boxes);
        return new RootlessMapping(uid, gid, firstBoxId, boxes, hostUid, hostGid);
    }

    private static long place(String file, List<SubordinateIds.Range> ranges, String user, long uid, long own,
            int firstBoxId, int boxes) {
        if (ranges.isEmpty()) {
            throw new IllegalStateException("user " + user + " (uid " + uid + ") has no subordinate range in " + file
                    + "; add one (e.g. usermod --add-sub" + (file.endsWith("subuid") ? "uids" : "gids")
                    + " 700000000-700065535 " + user + ")");
        }
        for (SubordinateIds.Range r : ranges) {
            if (r.count() < boxes) {
                continue;
            }
            long room = r.count() - boxes + 1;
            long first = r.start() + Math.floorMod(firstBoxId, room);
            if (first == 0) {
                throw new IllegalStateException("the subordinate range " + r.start() + ":" + r.count() + " of user "
                        + user + " in " + file + " would map a box to host id 0 (root)");
            }
            if (own >= first && own < first + boxes) {
                throw new IllegalStateException("the subordinate range " + r.start() + ":" + r.count() + " of user "
                        + user + " in " + file + " holds the judge's own id " + own
                        + "; a box must never run as the judge");
            }
            return first;
        }
        throw new IllegalStateException("no subordinate range of user " + user + " in " + file + " holds " + boxes
                + " ids (one per box); ranges: " + ranges.stream().map(r -> r.start() + ":" + r.count()).toList());
    }
}
