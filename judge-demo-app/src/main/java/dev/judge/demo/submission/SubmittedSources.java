package dev.judge.demo.submission;

import dev.judge.core.model.SourceFile;
import dev.judge.demo.accept.Admission;
import dev.judge.demo.problem.SourceDto;
import dev.judge.demo.web.ApiException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/** The files of a submission request: its one {@code source}, or its named {@code sources}, within the caps. */
final class SubmittedSources {
    static final int MAX_FILES = 32;

    private SubmittedSources() {
    }

    static List<SourceFile> of(SubmissionRequest r, Admission admission) {
        if (r.source() == null && r.sources() == null) {
            throw ApiException.invalid("source", "one of source (one file) or sources (several) is required");
        }
        if (r.source() != null && r.sources() != null) {
            throw ApiException.invalid("sources", "give either source or sources, not both");
        }
        if (r.source() != null) {
            admission.checkSource("source", r.source());
            return List.of(SourceFile.main(r.source()));
        }
        List<SourceDto> dtos = r.sources();
        if (dtos.isEmpty() || dtos.size() > MAX_FILES) {
            throw ApiException.invalid("sources", "must hold 1 to " + MAX_FILES + " files, got " + dtos.size());
        }
        List<SourceFile> files = new ArrayList<>(dtos.size());
        Set<String> names = new HashSet<>();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < dtos.size(); i++) {
            SourceDto f = dtos.get(i);
            String at = "sources[" + i + "]";
            if (f == null || f.name() == null) {
                throw ApiException.invalid(at + ".name", "is required: each of several files is named");
            }
            SourceFile file = f.toSourceFile(at);
            if (!names.add(file.name())) {
                throw ApiException.invalid(at + ".name", "duplicate file name '" + file.name() + "'");
            }
            files.add(file);
            all.append(file.content());
        }
        // the cap is on the files together, as the judge counts them: their text end to end has that size
        admission.checkSource("sources", all.toString());
        return files;
    }
}
