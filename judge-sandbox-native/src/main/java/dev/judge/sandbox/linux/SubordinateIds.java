package dev.judge.sandbox.linux;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The subordinate id ranges of one user, as listed in {@code /etc/subuid} or {@code /etc/subgid}: lines of
 * {@code owner:start:count}, where the owner is a user name or a numeric uid.
 */
final class SubordinateIds {
    /** Ids are 32-bit; {@code 2^32 - 1} is the kernel's "no id". */
    static final long ID_LIMIT = 0xFFFF_FFFFL;

    private SubordinateIds() {
    }

    /** One range of ids {@code start .. start + count - 1}. */
    record Range(long start, long count) {
        Range {
            if (start < 0 || count < 1 || start + count > ID_LIMIT) {
                throw new IllegalArgumentException("bad subordinate range " + start + ":" + count);
            }
        }

        boolean contains(long id) {
            return id >= start && id < start + count;
        }
    }

    /**
     * The ranges of the user named {@code user} or numbered {@code uid}, in file order. Lines that are
     * blank, comments or malformed are skipped, as the shadow tools skip them.
     */
    static List<Range> of(String fileText, String user, long uid) {
        Objects.requireNonNull(fileText, "fileText");
        List<Range> out = new ArrayList<>();
        for (String raw : fileText.split("\n")) {
            String line = raw.trim();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            String[] f = line.split(":");
            if (f.length != 3 || !(f[0].equals(user) || f[0].equals(Long.toString(uid)))) {
                continue;
            }
            try {
                out.add(new Range(Long.parseLong(f[1]), Long.parseLong(f[2])));
            } catch (IllegalArgumentException malformed) {
                // NumberFormatException included: not a usable line
            }
        }
        return out;
    }
}
