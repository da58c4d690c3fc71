package dev.judge.core;

/**
 * The judge's job queue holds as many jobs as the judge was told to let wait, so a submission is refused
 * instead of queued. Nothing of the refused call was stored or queued; the caller may retry once workers have
 * caught up.
 */
public class QueueFullException extends JudgeBusyException {
    private static final long serialVersionUID = 1L;

    private final long depth;
    private final long maxDepth;

    public QueueFullException(long depth, long maxDepth) {
        super("the judge's queue holds " + depth + " jobs, at or over its bound of " + maxDepth + "; try again later");
        this.depth = depth;
        this.maxDepth = maxDepth;
    }

    /** The queue's depth as last read when the submission was refused. */
    public long depth() {
        return depth;
    }

    /** The bound the judge was built with. */
    public long maxDepth() {
        return maxDepth;
    }
}
