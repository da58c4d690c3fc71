package dev.judge.core.judge;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.UUID;

/**
 * Submission ids: time-ordered UUIDs (RFC 9562 version 7: 48 bits of Unix milliseconds, then 74 random bits).
 * Ids made in a later millisecond sort after earlier ones, as strings too (within one millisecond their order is
 * random), so a database's index on them grows at its end instead of at random places: each commit rewrites a few
 * pages rather than one per new row. The random part keeps ids
 * unguessable (Judge0 clients read a submission by its token alone).
 */
final class SubmissionIds {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Clock clock;

    SubmissionIds(Clock clock) {
        this.clock = clock;
    }

    String next() {
        byte[] r = new byte[10];
        RANDOM.nextBytes(r);
        long millis = clock.millis() & 0xFFFF_FFFF_FFFFL;
        long randA = ((r[0] & 0xFFL) << 4 | (r[1] & 0xF0L) >> 4) & 0xFFF;
        long high = millis << 16 | 0x7000L | randA;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (r[i] & 0xFFL);
        }
        long low = randB & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }
}
