package dev.judge.demo.problem;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.SourceFile;
import dev.judge.demo.web.ApiException;
import java.util.List;

/** One source file: {@code name} null means the language's main file where a main file may be unnamed. */
public record SourceDto(String name, String content) {

    public static List<SourceDto> of(List<SourceFile> files) {
        return files.stream().map(f -> new SourceDto(f.name(), f.content())).toList();
    }

    /**
     * This file in the judge's type; refused with 400 naming {@code field}{@code .content} or {@code .name} when
     * its content is missing or its name is not a plain file name (no directories).
     */
    public SourceFile toSourceFile(String field) {
        if (content == null) {
            throw ApiException.invalid(field + ".content", "is required");
        }
        try {
            return new SourceFile(name, content);
        } catch (InvalidSubmissionException e) {
            throw ApiException.invalid(field + ".name", "must be a plain file name (no directories), was '"
                    + name + "'");
        }
    }
}
