package dev.judge.core.problem;

/**
 * A package refused because it is past one of the {@link PackageCaps} (archive size, entries, inflated size,
 * compression ratio): not broken, too large for this host. Over HTTP this is a 413 rather than a 422.
 */
public class PackageTooLargeException extends PackageRejectedException {
    private static final long serialVersionUID = 1L;

    public PackageTooLargeException(String file, String message) {
        super(file, message);
    }
}
