package dev.judge.demo.problem;

import dev.judge.core.model.Interactor;
import java.util.List;
import java.util.Locale;

/**
 * The interactor of an interactive problem as JSON: {@code languageId}, {@code sources}, {@code protocol}
 * {@code "kattis"} or {@code "testlib"}, {@code passes} (1 when left out; more only for the Kattis protocol's
 * multi-pass problems). Maps 1:1 onto {@link Interactor}; the sources are shown to administrators only.
 */
public record InteractorDto(String languageId, List<SourceDto> sources, String protocol, Integer passes) {

    static InteractorDto of(Interactor i, boolean withSources) {
        return new InteractorDto(i.languageId(), withSources ? SourceDto.of(i.sources()) : null,
                i.protocol().name().toLowerCase(Locale.ROOT), i.passes());
    }
}
