package dev.judge.core.model;

/**
 * The outcome of one test, or of a whole submission. A closed set: every verdict has a short {@link #code()}
 * (AC, WA, TLE, ...) that is stable for storage and APIs.
 */
public sealed interface Verdict {

    /** Two-or-three-letter code: AC, WA, PE, TLE, MLE, OLE, RE, CE, IE, SK. */
    String code();

    /** Whether this verdict counts as passing. */
    default boolean isAccepted() {
        return this instanceof Accepted;
    }

    /** Output matched. */
    record Accepted() implements Verdict {
        public String code() {
            return "AC";
        }
    }

    /** Output did not match. */
    record WrongAnswer() implements Verdict {
        public String code() {
            return "WA";
        }
    }

    /** The checker accepted the content but not its layout (testlib exit code 2). */
    record PresentationError() implements Verdict {
        public String code() {
            return "PE";
        }
    }

    /** Which clock ran out. */
    enum Clock { CPU, WALL }

    /** The run used more CPU time, or more wall time, than allowed. */
    record TimeLimitExceeded(Clock clock) implements Verdict {
        public TimeLimitExceeded {
            java.util.Objects.requireNonNull(clock, "clock");
        }

        public String code() {
            return "TLE";
        }
    }

    /** The run used more memory than allowed. */
    record MemoryLimitExceeded() implements Verdict {
        public String code() {
            return "MLE";
        }
    }

    /** The run printed, or wrote to a file, more than allowed. */
    record OutputLimitExceeded() implements Verdict {
        public String code() {
            return "OLE";
        }
    }

    /**
     * The program failed: killed by a signal ({@code signal > 0}) or exited with a non-zero code.
     *
     * @param exitCode the exit code, meaningful when {@code signal == 0}
     * @param signal   the terminating signal number, or 0
     */
    record RuntimeError(int exitCode, int signal) implements Verdict {
        public static RuntimeError exit(int code) {
            return new RuntimeError(code, 0);
        }

        public static RuntimeError signal(int signal) {
            return new RuntimeError(-1, signal);
        }

        public boolean signalled() {
            return signal > 0;
        }

        public String code() {
            return "RE";
        }
    }

    /** The source did not compile. */
    record CompilationError() implements Verdict {
        public String code() {
            return "CE";
        }
    }

    /** The judge failed, not the program: a sandbox failure, a broken checker, a lost worker. */
    record InternalError(String reason) implements Verdict {
        public String code() {
            return "IE";
        }
    }

    /** Not run because an earlier test failed and the submission stops on the first failure. */
    record Skipped() implements Verdict {
        public String code() {
            return "SK";
        }
    }

    Verdict ACCEPTED = new Accepted();
    Verdict WRONG_ANSWER = new WrongAnswer();
    Verdict PRESENTATION_ERROR = new PresentationError();
    Verdict CPU_TIME_LIMIT = new TimeLimitExceeded(Clock.CPU);
    Verdict WALL_TIME_LIMIT = new TimeLimitExceeded(Clock.WALL);
    Verdict MEMORY_LIMIT = new MemoryLimitExceeded();
    Verdict OUTPUT_LIMIT = new OutputLimitExceeded();
    Verdict COMPILATION_ERROR = new CompilationError();
    Verdict SKIPPED = new Skipped();
}
