package dev.judge.core.judge;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

class SubmissionIdsTest {
    private static SubmissionIds at(long millis) {
        return new SubmissionIds(Clock.fixed(Instant.ofEpochMilli(millis), ZoneOffset.UTC));
    }

    @Test
    void idsAreVersion7UuidsCarryingTheClocksMilliseconds() {
        long millis = Instant.parse("2026-11-23T15:30:00.123Z").toEpochMilli();
        UUID id = UUID.fromString(at(millis).next());
        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(millis);
    }

    @Test
    void idsOfTheSameMillisecondDifferInTheirRandomBits() {
        SubmissionIds ids = at(1_000_000L);
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(ids.next())).isTrue();
        }
    }

    @Property(tries = 300)
    void anIdOfALaterMillisecondSortsAfterAsAString(@ForAll @LongRange(min = 0, max = 0xFFFF_FFFF_FFFEL) long earlier,
                                                     @ForAll @LongRange(min = 1, max = 1_000_000) long gap) {
        long later = Math.min(earlier + gap, 0xFFFF_FFFF_FFFFL);
        assertThat(at(later).next()).isGreaterThan(at(earlier).next());
    }
}
