package dev.judge.core.sandbox;

import dev.judge.core.model.WorkFile;
import java.util.Arrays;
import java.util.Objects;

/**
 * A file placed in, or collected from, a sandbox's work dir.
 *
 * @param path       relative path inside the work dir ({@code /}-separated, no {@code ..}, not absolute)
 * @param content    the bytes
 * @param executable whether the file gets execute permission
 */
public record SandboxFile(String path, byte[] content, boolean executable) {
    public SandboxFile {
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(content, "content");
        if (!isSafeRelativePath(path)) {
            throw new IllegalArgumentException("not a safe relative path: '" + path + "'");
        }
    }

    public static SandboxFile of(String path, byte[] content) {
        return new SandboxFile(path, content, false);
    }

    public static SandboxFile executable(String path, byte[] content) {
        return new SandboxFile(path, content, true);
    }

    /** True for a path inside the work dir, by the rule of {@link WorkFile#isSafePath}. */
    public static boolean isSafeRelativePath(String path) {
        return WorkFile.isSafePath(path);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof SandboxFile f && path.equals(f.path) && executable == f.executable
                && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, executable, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "SandboxFile[" + path + ", " + content.length + "B" + (executable ? ", executable" : "") + "]";
    }
}
