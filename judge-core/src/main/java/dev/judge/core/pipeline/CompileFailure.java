package dev.judge.core.pipeline;

import dev.judge.core.JudgeException;

/** The judge, not the source, failed to compile: the sandbox failed or the toolchain left no artifact. */
final class CompileFailure extends JudgeException {
    private static final long serialVersionUID = 1L;

    CompileFailure(String message) {
        super(message);
    }

    CompileFailure(String message, Throwable cause) {
        super(message, cause);
    }
}
