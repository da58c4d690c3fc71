package dev.judge.sandbox.linux;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Subordinate id files and where a rootless sandbox's box ids land in them; pure arithmetic. */
class RootlessMappingTest {
    private static final String SUBUID = """
            # comment
            alice:100000:65536
            1001:200000:65536
            judge:300000:4
            judge:400000:65536
            broken:x:65536
            short:1
            """;

    @Test
    void parsesRangesByNameOrUidAndSkipsCommentsAndMalformedLines() {
        assertThat(SubordinateIds.of(SUBUID, "alice", 1000)).containsExactly(new SubordinateIds.Range(100000, 65536));
        assertThat(SubordinateIds.of(SUBUID, "bob", 1001)).containsExactly(new SubordinateIds.Range(200000, 65536));
        assertThat(SubordinateIds.of(SUBUID, "judge", 1002)).containsExactly(new SubordinateIds.Range(300000, 4),
                new SubordinateIds.Range(400000, 65536));
        assertThat(SubordinateIds.of(SUBUID, "broken", 1003)).isEmpty();
        assertThat(SubordinateIds.of(SUBUID, "short", 1004)).isEmpty();
        assertThat(SubordinateIds.of("", "alice", 1000)).isEmpty();
    }

    @Test
    void rangesBeyondThirtyTwoBitIdsAreRejected() {
        assertThatThrownBy(() -> new SubordinateIds.Range(0xFFFF_FFF0L, 65536))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(SubordinateIds.of("a:4294967290:65536\n", "a", 1)).isEmpty();
    }

    @Test
    void mapsTheSlotsIntoTheRangeOneHostIdEachAndNeverTheJudgesOwn() {
        RootlessMapping m = RootlessMapping.plan(1000, 1000, "alice", SUBUID, SUBUID, 1_600_000, 4);
        assertThat(m.firstBoxId()).isEqualTo(1_600_000);
        for (int slot = 0; slot < 4; slot++) {
            assertThat(m.hostUid(slot)).isBetween(100000L, 100000L + 65535).isNotEqualTo(1000L);
            assertThat(m.hostGid(slot)).isEqualTo(m.hostUid(slot));
        }
        assertThat(m.hostUid(3) - m.hostUid(0)).isEqualTo(3);
        // 1600000 mod (65536 - 4 + 1)
        assertThat(m.hostUid(0)).isEqualTo(100000 + 1_600_000 % 65533);
    }

    @Test
    void theLastSlotOfAFullRangeFitsExactly() {
        RootlessMapping m = RootlessMapping.plan(1, 1, "u", "u:5000:8\n", "u:9000:8\n", 1_600_007, 8);
        assertThat(m.hostUid(0)).isEqualTo(5000);
        assertThat(m.hostUid(7)).isEqualTo(5007);
        assertThat(m.hostGid(7)).isEqualTo(9007);
    }

    @Test
    void sandboxesWithDifferentBoxBlocksGetDifferentHostIds() {
        long a = RootlessMapping.plan(1000, 1000, "alice", SUBUID, SUBUID, BoxPool.defaultFirstUid(77, 1), 8)
                .hostUid(0);
        long b = RootlessMapping.plan(1000, 1000, "alice", SUBUID, SUBUID, BoxPool.defaultFirstUid(77, 2), 8)
                .hostUid(0);
        assertThat(Math.abs(a - b)).isGreaterThanOrEqualTo(8);
    }

    @Test
    void skipsARangeTooSmallForTheSlots() {
        RootlessMapping m = RootlessMapping.plan(1002, 1002, "judge", SUBUID, SUBUID, 1_600_000, 16);
        assertThat(m.hostUid(0)).isBetween(400000L, 400000L + 65536 - 16);
    }

    @Test
    void aMissingOrTooSmallRangeIsAClearErrorNamingTheFile() {
        assertThatThrownBy(() -> RootlessMapping.plan(1005, 1005, "carol", SUBUID, SUBUID, 1_600_000, 1))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("user carol (uid 1005) has no subordinate range in /etc/subuid")
                .hasMessageContaining("usermod --add-subuids");
        assertThatThrownBy(() -> RootlessMapping.plan(1000, 1000, "alice", SUBUID, "", 1_600_000, 1))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("/etc/subgid");
        assertThatThrownBy(() -> RootlessMapping.plan(1, 1, "u", "u:5000:8\n", "u:5000:8\n", 1_600_000, 9))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("no subordinate range of user u in /etc/subuid holds 9 ids")
                .hasMessageContaining("[5000:8]");
    }

    @Test
    void aBlockHoldingTheJudgesOwnIdOrRootIsRefused() {
        assertThatThrownBy(() -> RootlessMapping.plan(5003, 1, "u", "u:5000:8\n", "u:9000:8\n", 0, 8))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("/etc/subuid").hasMessageContaining("judge's own id 5003");
        assertThatThrownBy(() -> RootlessMapping.plan(1000, 1000, "u", "u:0:8\n", "u:9000:8\n", 0, 8))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("host id 0 (root)");
    }

    @Test
    void theDoctorExplainsWhyRootlessIsUnavailable() {
        RootlessHost ok = new RootlessHost(1000, 1000, "alice", Optional.of(Path.of("/usr/bin/newuidmap")),
                Optional.of(Path.of("/usr/bin/newgidmap")), SUBUID, SUBUID, null, "15000");
        RootlessCheck.Result good = RootlessCheck.check(ok, 1_600_000, 2);
        assertThat(good.protection().name()).isEqualTo("rootless");
        assertThat(good.protection().active()).isTrue();
        assertThat(good.protection().detail()).contains("uid 1000 -> 0", "box uids 1600000..1600001 -> host uids "
                + good.setup().mapping().hostUid(0) + ".." + good.setup().mapping().hostUid(1), "/etc/subuid");
        assertThat(good.setup().newuidmap()).hasToString("/usr/bin/newuidmap");

        List<String> reasons = List.of(
                reason(new RootlessHost(1000, 1000, "alice", Optional.empty(), ok.newgidmap(), SUBUID, SUBUID,
                        null, "15000")),
                reason(withSysctls(ok, "0", "15000")),
                reason(withSysctls(ok, "1", "0")),
                reason(new RootlessHost(1005, 1005, "carol", ok.newuidmap(), ok.newgidmap(), SUBUID, SUBUID, "1",
                        "15000")),
                reason(new RootlessHost(1006, 1006, null, ok.newuidmap(), ok.newgidmap(), SUBUID, SUBUID, "1",
                        "15000")));
        assertThat(reasons.get(0)).contains("newuidmap/newgidmap not found", "uidmap package");
        assertThat(reasons.get(1)).contains("unprivileged_userns_clone is 0");
        assertThat(reasons.get(2)).contains("max_user_namespaces is 0");
        assertThat(reasons.get(3)).contains("no subordinate range in /etc/subuid");
        assertThat(reasons.get(4)).contains("not in /etc/passwd");
        assertThat(reasons).allSatisfy(r -> assertThat(r).startsWith("rootless operation unavailable: "));
    }

    private static RootlessHost withSysctls(RootlessHost h, String unprivilegedClone, String maxUserNamespaces) {
        return new RootlessHost(h.uid(), h.gid(), h.user(), h.newuidmap(), h.newgidmap(), h.subuid(), h.subgid(),
                unprivilegedClone, maxUserNamespaces);
    }

    private static String reason(RootlessHost host) {
        RootlessCheck.Result r = RootlessCheck.check(host, 1_600_000, 2);
        assertThat(r.protection().active()).isFalse();
        assertThat(r.setup()).isNull();
        return r.protection().detail();
    }
}
