package dev.judge.demo.plagiarism;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Finds the pairs of documents that share fingerprints, as MOSS does: a fingerprint found in more than {@link
 * #MAX_DOCUMENT_FREQUENCY} documents is common code (a template, the obvious way to read input) and is ignored;
 * documents are paired through an index from fingerprint to documents, so the work grows with the matches, not
 * with the square of the documents; pairs of one account, or of languages read with different rules, are skipped.
 */
final class Detector {
    /** A fingerprint in more documents than this is ignored (MOSS's {@code -m}, default 10). */
    static final int MAX_DOCUMENT_FREQUENCY = 10;
    /** Fewer shared fingerprints than this is no match: a short common passage is chance. */
    static final int MIN_SHARED = 5;

    private Detector() {
    }

    static List<SimilarPair> pairs(List<Document> docs, int limit) {
        Map<Long, List<Integer>> index = new HashMap<>();
        for (int d = 0; d < docs.size(); d++) {
            for (Long h : docs.get(d).firstAt().keySet()) {
                index.computeIfAbsent(h, k -> new ArrayList<>()).add(d);
            }
        }
        Set<Long> common = new HashSet<>();
        Map<Long, Integer> sharedByPair = new HashMap<>();
        for (Map.Entry<Long, List<Integer>> e : index.entrySet()) {
            List<Integer> holders = e.getValue();
            if (holders.size() > MAX_DOCUMENT_FREQUENCY) {
                common.add(e.getKey());
                continue;
            }
            for (int i = 0; i < holders.size(); i++) {
                for (int j = i + 1; j < holders.size(); j++) {
                    sharedByPair.merge(((long) holders.get(i) << 32) | holders.get(j), 1, Integer::sum);
                }
            }
        }
        List<SimilarPair> found = new ArrayList<>();
        for (Map.Entry<Long, Integer> e : sharedByPair.entrySet()) {
            Document a = docs.get((int) (e.getKey() >>> 32));
            Document b = docs.get((int) (e.getKey() & 0xffffffffL));
            if (e.getValue() < MIN_SHARED || a.username().equals(b.username()) || !a.comparableTo(b)) {
                continue;
            }
            found.add(compare(a, b, common));
        }
        found.sort(Comparator.comparingDouble(SimilarPair::similarity).reversed()
                .thenComparing(Comparator.comparingInt(SimilarPair::shared).reversed())
                .thenComparing(p -> p.a().submissionId()).thenComparing(p -> p.b().submissionId()));
        return found.size() > limit ? List.copyOf(found.subList(0, limit)) : found;
    }

    static SimilarPair compare(Document a, Document b, Set<Long> common) {
        Set<Long> aPrints = distinct(a, common);
        Set<Long> bPrints = distinct(b, common);
        List<Long> shared = aPrints.stream().filter(bPrints::contains).toList();
        double aShare = aPrints.isEmpty() ? 0 : (double) shared.size() / aPrints.size();
        double bShare = bPrints.isEmpty() ? 0 : (double) shared.size() / bPrints.size();
        return new SimilarPair(side(a), side(b), Math.max(aShare, bShare), aShare, bShare, shared.size(),
                regions(a, b, shared));
    }

    /**
     * The matching passages: the shared fingerprints' runs in {@code a}'s order, joined while they follow each other
     * in both documents (each next run starting within a window of the last, in {@code a} and in {@code b}).
     */
    private static List<SimilarPair.Region> regions(Document a, Document b, List<Long> shared) {
        List<int[]> at = new ArrayList<>(); // {position in a, position in b}
        for (Long h : shared) {
            at.add(new int[] {a.firstAt().get(h), b.firstAt().get(h)});
        }
        at.sort(Comparator.comparingInt((int[] p) -> p[0]).thenComparingInt(p -> p[1]));
        List<SimilarPair.Region> regions = new ArrayList<>();
        int reach = Fingerprints.K + Fingerprints.W;
        int i = 0;
        while (i < at.size()) {
            int aStart = at.get(i)[0];
            int bStart = at.get(i)[1];
            int aEnd = aStart;
            int bEnd = bStart;
            int j = i + 1;
            while (j < at.size() && at.get(j)[0] - aEnd <= reach && at.get(j)[1] - bEnd <= reach
                    && at.get(j)[1] >= bEnd) {
                aEnd = at.get(j)[0];
                bEnd = at.get(j)[1];
                j++;
            }
            regions.add(new SimilarPair.Region(a.firstLine(aStart), a.lastLine(aEnd), b.firstLine(bStart),
                    b.lastLine(bEnd)));
            i = j;
        }
        return regions;
    }

    private static Set<Long> distinct(Document d, Set<Long> common) {
        Set<Long> s = new LinkedHashSet<>(d.firstAt().keySet());
        s.removeAll(common);
        return s;
    }

    private static SimilarPair.Side side(Document d) {
        return new SimilarPair.Side(d.submissionId(), d.username(), d.languageId());
    }
}
