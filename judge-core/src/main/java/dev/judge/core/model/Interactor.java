package dev.judge.core.model;

import java.util.List;

/**
 * The program an interactive problem's submission talks to: it runs at the same time as the submission,
 * the submission's standard output wired to its standard input and its standard output to the submission's
 * standard input. Both run sandboxed, each under its own limits.
 *
 * @param languageId the interactor's language
 * @param sources    the interactor's source files
 * @param protocol   how it is started and how it reports
 * @param passes     most passes of a multi-pass problem (Kattis {@code validation_passes}); 1 for a
 *                   single pass. Only the Kattis protocol has more than one.
 */
public record Interactor(String languageId, List<SourceFile> sources, Protocol protocol, int passes) {

    /** How an interactor is started and how it reports. */
    public enum Protocol {
        /**
         * Kattis and DOMjudge: {@code interactor input judge_answer feedback_dir}; exit 42 accepted, 43 wrong
         * answer, anything else a judge error; messages in the feedback dir. After a pass it may write
         * {@code nextpass.in} for the next pass.
         */
        KATTIS,
        /**
         * testlib: {@code interactor input tout}; its exit code as a testlib checker's, and the
         * problem's checker then reads {@code tout} as the program's output.
         */
        TESTLIB
    }

    public Interactor {
        Checks.notBlank(languageId, "interactor.languageId");
        Checks.notNull(sources, "interactor.sources");
        Checks.check(!sources.isEmpty(), "interactor.sources", "must hold at least one file");
        sources = List.copyOf(sources);
        Checks.notNull(protocol, "interactor.protocol");
        Checks.check(passes >= 1, "interactor.passes", "must be at least 1, was " + passes);
        Checks.check(passes == 1 || protocol == Protocol.KATTIS, "interactor.passes",
                "only the Kattis protocol has several passes");
    }

    /** A single-pass interactor from one source file. */
    public static Interactor of(String languageId, String source, Protocol protocol) {
        return new Interactor(languageId, List.of(SourceFile.main(source)), protocol, 1);
    }
}
