package dev.judge.core;

/**
 * The judge has no room for more work right now: every run slot is busy and the waiting line is full, or (as a
 * {@link QueueFullException}) its job queue is at its bound. Nothing of the refused call was started; the caller
 * may retry later or tell its own client to back off.
 */
public class JudgeBusyException extends JudgeException {
    private static final long serialVersionUID = 1L;

    public JudgeBusyException(String message) {
        super(message);
    }
}
