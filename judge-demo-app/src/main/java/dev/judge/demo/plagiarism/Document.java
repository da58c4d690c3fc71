package dev.judge.demo.plagiarism;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** A submission as it is compared: who made it, its tokens and fingerprints (hash → first run position). */
record Document(String submissionId, String username, String languageId, List<Token> tokens,
        List<Fingerprints.Print> prints, Map<Long, Integer> firstAt) {

    static Document of(String submissionId, String username, String languageId, String source) {
        List<Token> tokens = Tokenizer.tokens(languageId, source);
        List<Fingerprints.Print> prints = Fingerprints.of(tokens);
        Map<Long, Integer> first = new HashMap<>();
        for (Fingerprints.Print p : prints) {
            first.putIfAbsent(p.hash(), p.position());
        }
        return new Document(submissionId, username, languageId, tokens, prints, first);
    }

    /** Whether two documents are read with the same lexical rules, so their tokens can be compared. */
    boolean comparableTo(Document other) {
        return Tokenizer.pythonLike(languageId) == Tokenizer.pythonLike(other.languageId);
    }

    /** The source line a run starting at token {@code position} begins on and the one it ends on. */
    int firstLine(int position) {
        return tokens.get(position).line();
    }

    int lastLine(int position) {
        return tokens.get(Math.min(tokens.size() - 1, position + Fingerprints.K - 1)).line();
    }
}
