package dev.judge.core.sandbox;

import java.util.Objects;

/**
 * What happened to two connected commands (see {@link Sandbox#runPair}).
 *
 * @param program    the result of the first command, the one judged (an interactive problem's submission)
 * @param peer       the result of the second command (the interactor)
 * @param endedFirst which of the two ended first; with it a judge tells a program that crashed because its peer
 *                   had already given up (a broken pipe) from one that crashed on its own
 */
public record PairResult(SandboxResult program, SandboxResult peer, Side endedFirst) {

    /** One of the two commands of a pair. */
    public enum Side { PROGRAM, PEER }

    public PairResult {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(peer, "peer");
        Objects.requireNonNull(endedFirst, "endedFirst");
    }
}
