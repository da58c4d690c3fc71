package dev.judge.demo.judge0;

import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ByteSize;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * Judge0's "Multi-file program" (id 89) as a language of the judge: a submission of it has no source code, only
 * its {@code additional_files} archive, whose {@code compile} and {@code run} scripts (bash) build and start it.
 * The judge's main source is a fixed driver (the resource {@code multi-file-program.sh}) that picks those
 * scripts as Judge0's {@code isolate_job.rb} does; the archive's files are the submission's work files. The
 * compile step hands on every file (up to four directory levels) to the runs, as Judge0 runs in the same box it
 * compiled in.
 */
final class Judge0MultiFile {
    static final int JUDGE0_ID = 89;
    static final String NAME = "Multi-file program";
    static final String LANGUAGE_ID = "judge0-multi-file";
    /** A dot file, so a listing of the work dir shows the archive's files as in Judge0's box. */
    static final String DRIVER = ".judge0-multi-file.sh";
    private static final String DRIVER_SOURCE = load();

    private Judge0MultiFile() {
    }

    /** The language; its version command proves bash is there. */
    static Language language() {
        return new Language(LANGUAGE_ID, NAME, DRIVER, List.of("/bin/bash", DRIVER, "compile"),
                List.of("/bin/bash", DRIVER, "run"), List.of(DRIVER, "*", "*/*", "*/*/*", "*/*/*/*"), 1.0,
                Duration.ZERO, ByteSize.ZERO, 16, "default", List.of("/bin/bash", "--version"), List.of(JUDGE0_ID));
    }

    static boolean is(LanguageInfo info) {
        return info.language().id().equals(LANGUAGE_ID);
    }

    /** The driver script: the main source of every submission in this language. */
    static String driver() {
        return DRIVER_SOURCE;
    }

    private static String load() {
        try (InputStream in = Judge0MultiFile.class.getResourceAsStream("multi-file-program.sh")) {
            if (in == null) {
                throw new IllegalStateException("multi-file-program.sh is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
