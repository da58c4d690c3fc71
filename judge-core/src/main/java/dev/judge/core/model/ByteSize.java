package dev.judge.core.model;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A number of bytes. Parses and prints binary units ({@code 64KiB}, {@code 256MB} is read as MiB).
 *
 * @param bytes the size in bytes, never negative
 */
public record ByteSize(long bytes) implements Comparable<ByteSize> {
    private static final Pattern FORMAT = Pattern.compile("(\\d+)\\s*([KMGT]?)(I?B)?", Pattern.CASE_INSENSITIVE);

    public static final ByteSize ZERO = new ByteSize(0);

    public ByteSize {
        if (bytes < 0) {
            throw new IllegalArgumentException("a byte size cannot be negative: " + bytes);
        }
    }

    public static ByteSize ofBytes(long bytes) {
        return new ByteSize(bytes);
    }

    public static ByteSize ofKiB(long kib) {
        return new ByteSize(Math.multiplyExact(kib, 1024L));
    }

    public static ByteSize ofMiB(long mib) {
        return new ByteSize(Math.multiplyExact(mib, 1024L * 1024));
    }

    public static ByteSize ofGiB(long gib) {
        return new ByteSize(Math.multiplyExact(gib, 1024L * 1024 * 1024));
    }

    /** Parses {@code 123}, {@code 64K}, {@code 64KiB}, {@code 256MB}, {@code 1g}; units are binary. */
    public static ByteSize parse(String text) {
        Matcher m = FORMAT.matcher(text.trim());
        if (!m.matches()) {
            throw new IllegalArgumentException("not a byte size: '" + text + "' (expected e.g. 64KiB, 256MiB, 1GiB)");
        }
        long n = Long.parseLong(m.group(1));
        int shift = switch (m.group(2).toUpperCase(Locale.ROOT)) {
            case "K" -> 10;
            case "M" -> 20;
            case "G" -> 30;
            case "T" -> 40;
            default -> 0;
        };
        if (shift > 0 && n > (Long.MAX_VALUE >> shift)) {
            throw new IllegalArgumentException("byte size too large: '" + text + "'");
        }
        return new ByteSize(n << shift);
    }

    public long toKiB() {
        return bytes / 1024;
    }

    public long toMiB() {
        return bytes / (1024L * 1024);
    }

    @Override
    public int compareTo(ByteSize other) {
        return Long.compare(bytes, other.bytes);
    }

    public boolean isGreaterThan(ByteSize other) {
        return bytes > other.bytes;
    }

    @Override
    public String toString() {
        if (bytes != 0 && bytes % (1L << 30) == 0) {
            return (bytes >> 30) + "GiB";
        }
        if (bytes != 0 && bytes % (1L << 20) == 0) {
            return (bytes >> 20) + "MiB";
        }
        if (bytes != 0 && bytes % (1L << 10) == 0) {
            return (bytes >> 10) + "KiB";
        }
        return bytes + "B";
    }
}
