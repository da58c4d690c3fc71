package dev.judge.core.problem;

/**
 * What a package may hold before it is refused. Sizes are counted while reading; the sizes a zip declares
 * are never trusted.
 *
 * @param maxArchiveBytes     the zip itself, as given (for a directory: not used)
 * @param maxEntries          entries of any kind, directories included
 * @param maxTotalBytes       all files together, uncompressed (an archive inside the package counts as its
 *                            files)
 * @param maxFileBytes        one file, uncompressed
 * @param maxCompressionRatio uncompressed bytes per compressed byte of one entry (checked past 64 KiB)
 */
public record PackageCaps(long maxArchiveBytes, int maxEntries, long maxTotalBytes, long maxFileBytes,
        int maxCompressionRatio) {
    private static final PackageCaps DEFAULTS = new PackageCaps(256L << 20, 20_000, 1L << 30, 256L << 20, 200);

    public PackageCaps {
        if (maxArchiveBytes < 1 || maxEntries < 1 || maxTotalBytes < 1 || maxFileBytes < 1 || maxCompressionRatio < 1) {
            throw new IllegalArgumentException("every cap must be at least 1: " + this);
        }
    }

    /** 256 MiB zip, 20 000 entries, 1 GiB in total, 256 MiB per file, ratio 200. */
    public static PackageCaps defaults() {
        return DEFAULTS;
    }
}
