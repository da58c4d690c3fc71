package dev.judge.demo.judge0;

import dev.judge.core.language.Language;
import dev.judge.core.model.WorkFile;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.problem.archive.ArchiveCaps;
import dev.judge.demo.problem.archive.ArchiveRejectedException;
import dev.judge.demo.problem.archive.WorkFilesArchiveReader;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.util.Base64;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Judge0's {@code additional_files}: a zip archive in base64 (always, whatever {@code base64_encoded} says),
 * unpacked into the work dir before the compile step and there at every run. Judge0 writes the source file first
 * and unpacks with {@code unzip -n}, which never replaces a file: an entry where the source file goes is left
 * out here too. The archive is read under the demo's archive caps ({@code judge.demo.caps}: entries, bytes per
 * file, compression ratio, names inside the work dir, no links), its total within Judge0's
 * {@code max_extract_size}; a refused archive is a 422 naming the reason.
 */
@Component
class Judge0AdditionalFiles {
    private final WorkFilesArchiveReader reader;

    Judge0AdditionalFiles(DemoProperties demo, Judge0Properties properties) {
        DemoProperties.Caps c = demo.caps();
        long total = Math.min(properties.maxExtractSize().toBytes(), c.maxTestData().toBytes());
        this.reader = new WorkFilesArchiveReader(new ArchiveCaps(c.maxArchiveEntries(), c.maxArchiveEntries(), total,
                Math.min(total, c.maxTestFile().toBytes()), c.maxCompressionRatio()));
    }

    /** The archive's files, but where the language's main source goes. */
    List<WorkFile> read(String base64, Language language) {
        List<WorkFile> files;
        try {
            files = reader.read(decode(base64));
        } catch (ArchiveRejectedException e) {
            String reason = e.errors().isEmpty() ? e.getMessage() : e.errors().get(0).message();
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the submission is refused",
                    List.of(new FieldProblem("additional_files", "the archive was refused: " + reason)));
        }
        String source = language.sourceFile();
        return files.stream().filter(f -> !f.path().equals(source) && !f.path().startsWith(source + "/")).toList();
    }

    /** The archive as Judge0 reports it back: decoded, then encoded again by Ruby's {@code Base64.encode64}. */
    static String canonical(String base64) {
        return Judge0Views.encode64(decode(base64));
    }

    private static byte[] decode(String base64) {
        try {
            return Base64.getMimeDecoder().decode(base64);
        } catch (IllegalArgumentException e) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the submission is refused",
                    List.of(new FieldProblem("additional_files", "is not valid base64")));
        }
    }
}
