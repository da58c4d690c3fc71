package dev.judge.sandbox.linux;

import java.util.List;

/**
 * The ids of a rootless sandbox. Each slot's helper enters a user namespace where the judge's own uid and
 * gid are 0 and the slot's box uid and gid ({@code firstBoxId + slot}, as in root mode) map to host ids
 * taken from the user's subordinate ranges, so a box never runs as the judge's own uid.
 *
 * @param outerUid   the judge's uid on the host
 * @param outerGid   the judge's primary gid on the host
 * @param firstBoxId the box uid and gid of slot 0 inside the namespace
 * @param slots      how many slots, one box id each
 * @param firstHostUid host uid of slot 0's box (slot i has {@code firstHostUid + i})
 * @param firstHostGid host gid of slot 0's box
 */
record RootlessMapping(long outerUid, long outerGid, int firstBoxId, int slots, long firstHostUid, long firstHostGid) {

    long hostUid(int slot) {
        return firstHostUid + slot;
    }

    long hostGid(int slot) {
        return firstHostGid + slot;
    }

    /**
     * Places the slots' ids in the first subordinate range large enough for them. Within the range the
     * block starts at {@code firstBoxId} modulo the room left, so that sandboxes with different box ids
     * (by default each takes its own block) mostly get different host ids too.
     *
     * @throws IllegalStateException when the user has no range in the file, or none holds {@code slots} ids,
     *                               or the block would hold the judge's own id or root's
     */
    static RootlessMapping plan(long uid, long gid, String user, String subuid, String subgid, int firstBoxId,
            int slots) {
        long hostUid = place("/etc/subuid", SubordinateIds.of(subuid, user, uid), user, uid, uid, firstBoxId, slots);
        long hostGid = place("/etc/subgid", SubordinateIds.of(subgid, user, uid), user, uid, gid, firstBoxId, slots);
        return new RootlessMapping(uid, gid, firstBoxId, slots, hostUid, hostGid);
    }

    private static long place(String file, List<SubordinateIds.Range> ranges, String user, long uid, long own,
            int firstBoxId, int slots) {
        if (ranges.isEmpty()) {
            throw new IllegalStateException("user " + user + " (uid " + uid + ") has no subordinate range in " + file
                    + "; add one (e.g. usermod --add-sub" + (file.endsWith("subuid") ? "uids" : "gids")
                    + " 700000000-700065535 " + user + ")");
        }
        for (SubordinateIds.Range r : ranges) {
            if (r.count() < slots) {
                continue;
            }
            long room = r.count() - slots + 1;
            long first = r.start() + Math.floorMod(firstBoxId, room);
            if (first == 0) {
                throw new IllegalStateException("the subordinate range " + r.start() + ":" + r.count() + " of user "
                        + user + " in " + file + " would map a box to host id 0 (root)");
            }
            if (own >= first && own < first + slots) {
                throw new IllegalStateException("the subordinate range " + r.start() + ":" + r.count() + " of user "
                        + user + " in " + file + " holds the judge's own id " + own
                        + "; a box must never run as the judge");
            }
            return first;
        }
        throw new IllegalStateException("no subordinate range of user " + user + " in " + file + " holds " + slots
                + " ids (one per slot); ranges: " + ranges.stream().map(r -> r.start() + ":" + r.count()).toList());
    }
}
