package dev.judge.core.model;

import java.nio.charset.StandardCharsets;

/**
 * One file of a submission's source, placed in the work dir under {@code name}.
 *
 * @param name    a plain file name relative to the work dir (no directories, no {@code ..}), or {@code null}
 *                for the language's main source file name (for example {@code Main.java})
 * @param content the file's text
 */
public record SourceFile(String name, String content) {
    public SourceFile {
        Checks.notNull(content, "sources.content");
        if (name != null) {
            Checks.check(isPlainName(name), "sources.name", "must be a plain file name, was '" + name + "'");
        }
    }

    /** The main source file, named as the language names it. */
    public static SourceFile main(String content) {
        return new SourceFile(null, content);
    }

    static boolean isPlainName(String name) {
        return !name.isBlank() && !name.equals(".") && !name.equals("..") && name.indexOf('/') < 0 && name.indexOf('\\') < 0
                && name.indexOf('\0') < 0 && name.length() <= 255;
    }

    public int sizeInBytes() {
        return content.getBytes(StandardCharsets.UTF_8).length;
    }
}
