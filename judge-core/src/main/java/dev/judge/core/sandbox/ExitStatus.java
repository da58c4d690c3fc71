package dev.judge.core.sandbox;

/**
 * How a run's first process ended: it exited with a code, or a signal killed it. A sandbox builds one from
 * what it has (a raw wait status, or a runner's decoded report) and hands it to a {@link TerminationRule}.
 *
 * @param exitCode the exit code (0 to 255) when the process exited, else -1
 * @param signal   the killing signal when it was killed, else 0
 */
public record ExitStatus(int exitCode, int signal) {
    /** The signal a sandbox kills with; also what a run reports when the sandbox got no status at all. */
    public static final int SIGKILL = 9;
    /** Sent by the kernel at the soft CPU time limit ({@code RLIMIT_CPU}). */
    public static final int SIGXCPU = 24;
    /** Sent by the kernel when a write passes the file size limit ({@code RLIMIT_FSIZE}). */
    public static final int SIGXFSZ = 25;

    public ExitStatus {
        boolean exited = signal == 0 && exitCode >= 0 && exitCode <= 255;
        boolean killed = exitCode == -1 && signal >= 1 && signal <= 127;
        if (!exited && !killed) {
            throw new IllegalArgumentException("not an exit status: exit code " + exitCode + ", signal " + signal);
        }
    }

    /** The process exited by itself with {@code code} (0 to 255). */
    public static ExitStatus exited(int code) {
        return new ExitStatus(code, 0);
    }

    /** A signal (1 to 127) killed the process. */
    public static ExitStatus killedBy(int signal) {
        return new ExitStatus(-1, signal);
    }

    /**
     * Decodes a Linux wait status as {@code waitpid} reports it: the low seven bits are the killing signal,
     * else the next byte is the exit code.
     */
    public static ExitStatus fromWaitStatus(int status) {
        int signal = status & 0x7f;
        return signal != 0 ? killedBy(signal) : exited((status >> 8) & 0xff);
    }

    /** Whether a signal killed the process (else it exited). */
    public boolean signaled() {
        return signal != 0;
    }

    /** Whether the process exited with a code other than 0, or was killed. */
    public boolean abnormal() {
        return exitCode != 0;
    }
}
