package dev.judge.core.pipeline;

import dev.judge.core.sandbox.SandboxFile;
import java.util.ArrayList;
import java.util.List;

/**
 * The outcome of a compile: the files a run needs, or the compiler's complaint.
 *
 * @param success   whether the run files are there
 * @param files     the artifact files (for languages without a compile step, the sources)
 * @param output    the compiler's capped output
 * @param cacheable whether the outcome depends only on the inputs (a compile that hit a limit may not)
 * @param mainClass the class the run command starts ({@code {mainClass}}), or {@code null} for languages that
 *                  do not name one
 */
record Compiled(boolean success, List<SandboxFile> files, String output, boolean cacheable, String mainClass) {
    Compiled {
        files = List.copyOf(files);
        output = output == null ? "" : output;
    }

    static Compiled ok(List<SandboxFile> files, String output) {
        return new Compiled(true, files, output, true, null);
    }

    /** The same files with the class to start. */
    Compiled withMainClass(String name) {
        return new Compiled(success, files, output, cacheable, name);
    }

    /** The same outcome with more files for the run (support files that are not compiled). */
    Compiled plusFiles(List<SandboxFile> more) {
        if (more.isEmpty()) {
            return this;
        }
        List<SandboxFile> all = new ArrayList<>(files);
        all.addAll(more);
        return new Compiled(success, all, output, cacheable, mainClass);
    }

    static Compiled error(String output, boolean cacheable) {
        return new Compiled(false, List.of(), output, cacheable, null);
    }

    /** Bytes held: what the cache weighs. */
    long weight() {
        long w = output.length();
        for (SandboxFile f : files) {
            w += f.content().length + f.path().length();
        }
        return w;
    }
}
