package dev.judge.demo.plagiarism;

import java.util.List;

/**
 * Two submissions of different accounts with fingerprints in common. {@code aShare} is the part of {@code a}'s
 * fingerprints found in {@code b} (and {@code bShare} the other way); {@code similarity} is the larger, so a copy
 * padded with code of its own still ranks high. {@code regions} are the matching passages by line, side by side.
 */
public record SimilarPair(Side a, Side b, double similarity, double aShare, double bShare, int shared,
        List<Region> regions) {

    public SimilarPair {
        regions = List.copyOf(regions);
    }

    /** One submission of the pair. */
    public record Side(String submissionId, String username, String languageId) {
    }

    /** Lines {@code aFrom..aTo} of {@code a} match lines {@code bFrom..bTo} of {@code b} (1-based, inclusive). */
    public record Region(int aFrom, int aTo, int bFrom, int bTo) {
    }
}
