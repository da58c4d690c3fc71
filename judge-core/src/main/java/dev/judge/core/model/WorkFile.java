package dev.judge.core.model;

import java.util.Arrays;
import java.util.Objects;

/**
 * A file the submitter adds to the work dir beside the sources, at the compile step and at every run: data the
 * program reads, scripts, a whole directory tree. Unlike a {@link SourceFile} it is bytes, not text, and its path
 * may name directories.
 *
 * @param path       relative path inside the work dir: {@code /}-separated, parts neither empty, {@code .} nor
 *                   {@code ..}, no backslash or NUL, at most 4096 bytes
 * @param content    the bytes
 * @param executable whether the file gets execute permission
 */
public record WorkFile(String path, byte[] content, boolean executable) {
    public WorkFile {
        Checks.notNull(path, "workFiles.path");
        Checks.notNull(content, "workFiles.content");
        Checks.check(isSafePath(path), "workFiles.path", () -> "must be a relative path inside the work dir, was '"
                + path.replaceAll("\\p{Cntrl}", "?") + "'");
        content = content.clone();
    }

    @Override
    public byte[] content() {
        return content.clone();
    }

    /** The length of the content, without copying it. */
    public int size() {
        return content.length;
    }

    /**
     * True for a path that stays inside a work dir: non-empty, relative, {@code /}-separated, its parts neither
     * empty, {@code .} nor {@code ..}, no backslash or NUL, and within Linux's limits (4096 for the path, 255 for
     * a part), past which no file could be written anyway. The one rule for every file placed in a work dir
     * ({@link dev.judge.core.sandbox.SandboxFile} too).
     */
    public static boolean isSafePath(String path) {
        if (path.isEmpty() || path.length() > 4096 || path.startsWith("/") || path.indexOf('\\') >= 0
                || path.indexOf('\0') >= 0) {
            return false;
        }
        for (String part : path.split("/", -1)) {
            if (part.isEmpty() || part.equals(".") || part.equals("..") || part.length() > 255) {
                return false;
            }
        }
        return true;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof WorkFile f && path.equals(f.path) && executable == f.executable
                && Arrays.equals(content, f.content);
    }

    @Override
    public int hashCode() {
        return Objects.hash(path, executable, Arrays.hashCode(content));
    }

    @Override
    public String toString() {
        return "WorkFile[" + path + ", " + content.length + "B" + (executable ? ", executable" : "") + "]";
    }
}
