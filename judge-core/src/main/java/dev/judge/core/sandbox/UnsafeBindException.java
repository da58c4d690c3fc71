package dev.judge.core.sandbox;

/**
 * A host path was offered for a read-only bind into sandboxes that would hand runs a way out: a socket
 * (which a read-only bind leaves fully usable, so the container engine's socket would give a run the host),
 * or a place such as {@code /run}, {@code /proc} or {@code /dev} that holds sockets or live kernel state.
 * Thrown while a sandbox is configured, before anything runs.
 */
public class UnsafeBindException extends IllegalArgumentException {
    private static final long serialVersionUID = 1L;

    private final String hostPath;

    public UnsafeBindException(String hostPath, String why) {
        super("refusing to bind " + hostPath + " into sandboxes: " + why);
        this.hostPath = hostPath;
    }

    /** The refused host path, as given. */
    public String hostPath() {
        return hostPath;
    }
}
