package dev.judge.demo.problem.archive;

/**
 * What a test archive may hold before it is refused.
 *
 * @param maxEntries          entries of any kind, counted from the archive's directory
 * @param maxTests            test cases (input files)
 * @param maxTotalBytes       all used files together, uncompressed
 * @param maxFileBytes        one file, uncompressed
 * @param maxCompressionRatio uncompressed bytes per compressed byte of one entry
 */
public record ArchiveCaps(int maxEntries, int maxTests, long maxTotalBytes, long maxFileBytes,
        int maxCompressionRatio) {
}
