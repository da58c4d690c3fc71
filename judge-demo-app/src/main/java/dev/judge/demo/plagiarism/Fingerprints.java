package dev.judge.demo.plagiarism;

import java.util.ArrayList;
import java.util.List;

/**
 * Winnowing (Schleimer, Wilkerson and Aiken, "Winnowing: Local Algorithms for Document Fingerprinting", 2003), the
 * method of MOSS: hash every run of {@link #K} consecutive tokens, then in every window of {@link #W} consecutive
 * hashes keep the smallest (the rightmost of equal ones), once. Any run of at least {@code K + W - 1} tokens two
 * sources share gives both at least one equal fingerprint, and runs shorter than {@code K} (noise such as
 * {@code for (V = N; V < V; V++)}) give none by themselves. Fingerprints do not depend on where a run is, so
 * reordering functions keeps all but those spanning a boundary.
 */
final class Fingerprints {
    /** Tokens per hashed run: the noise threshold. */
    static final int K = 12;
    /** Hashes per window: with {@link #K}, runs of {@code K + W - 1} = 15 tokens are always seen. */
    static final int W = 4;
    private static final long BASE = 0x100000001b3L;

    private Fingerprints() {
    }

    /** A kept hash and the index of the first token of its run. */
    record Print(long hash, int position) {
    }

    static List<Print> of(List<Token> tokens) {
        int runs = tokens.size() - K + 1;
        if (runs <= 0) {
            return List.of();
        }
        long[] hashes = new long[runs];
        long power = 1;
        for (int i = 1; i < K; i++) {
            power *= BASE;
        }
        long h = 0;
        for (int i = 0; i < tokens.size(); i++) {
            if (i >= K) {
                h -= power * mix(tokens.get(i - K).text().hashCode());
            }
            h = h * BASE + mix(tokens.get(i).text().hashCode());
            if (i >= K - 1) {
                hashes[i - K + 1] = h;
            }
        }
        List<Print> kept = new ArrayList<>();
        int window = Math.min(W, runs);
        int last = -1;
        for (int start = 0; start + window <= runs; start++) {
            int min = start;
            for (int j = start + 1; j < start + window; j++) {
                if (Long.compareUnsigned(hashes[j], hashes[min]) <= 0) {
                    min = j;
                }
            }
            if (min != last) {
                kept.add(new Print(hashes[min], min));
                last = min;
            }
        }
        return kept;
    }

    /** Spreads a token's hash over 64 bits (the finaliser of SplitMix64), so short runs do not collide. */
    private static long mix(long x) {
        x = (x ^ (x >>> 30)) * 0xbf58476d1ce4e5b9L;
        x = (x ^ (x >>> 27)) * 0x94d049bb133111ebL;
        return x ^ (x >>> 31);
    }
}
