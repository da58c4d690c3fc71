package dev.judge.demo.problem;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.JudgeOptions;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestGroup;
import dev.judge.demo.web.ApiException;
import dev.judge.demo.web.FieldProblem;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.springframework.http.HttpStatus;

/**
 * Reads the kind of a problem out of its request, refusing with 400 naming the field what the judge would
 * refuse for every submission: the judge's own field names where its model checks a rule ({@code
 * groups[b].dependsOn}, {@code io.inputFile}, {@code interactor.passes}), the request's path elsewhere.
 * Files larger together than the source cap are 413.
 */
final class ProblemKinds {
    static final int MAX_GROUPS = 100;
    static final int MAX_GROUP_NAME = 64;
    static final int MAX_FILES = 32;
    static final int MAX_PASSES = 16;
    private static final List<String> SCORINGS = List.of("min", "sum");
    private static final List<String> PROTOCOLS = List.of("kattis", "testlib");

    private final Set<String> languages;
    private final long maxSourceBytes;

    /**
     * @param languages      ids of the judge's languages: support files and an interactor must be in one
     * @param maxSourceBytes most bytes of an interactor's sources, and of the support files one language gets
     */
    ProblemKinds(Set<String> languages, long maxSourceBytes) {
        this.languages = Set.copyOf(languages);
        this.maxSourceBytes = maxSourceBytes;
    }

    ProblemKind read(ProblemRequest r) {
        try {
            List<TestGroup> groups = groups(r.groups());
            FileIo io = r.io() == null ? FileIo.standard() : FileIo.files(r.io().inputFile(), r.io().outputFile());
            Map<String, List<SourceFile>> support = supportFiles(r.supportFiles());
            Interactor interactor = r.interactor() == null ? null : interactor(r.interactor());
            // The judge's own structural rules (duplicate groups, unknown dependencies, cycles) are those of a
            // submission: check them on one without tests now, not on every submission later.
            new Submission("check", List.of(SourceFile.main("check")), List.of(), Limits.defaults(),
                    ComparatorSpec.lines(), JudgeOptions.defaults(), groups, List.of(), io, interactor);
            return new ProblemKind(groups, Boolean.TRUE.equals(r.stopOnFirstFailure()), io, support, interactor);
        } catch (InvalidSubmissionException e) {
            String message = e.getMessage().startsWith(e.field() + ": ")
                    ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
            throw ApiException.invalid(e.field(), message);
        }
    }

    private static List<TestGroup> groups(List<GroupDto> dtos) {
        if (dtos == null) {
            return List.of();
        }
        if (dtos.size() > MAX_GROUPS) {
            throw ApiException.invalid("groups", "at most " + MAX_GROUPS + " groups, got " + dtos.size());
        }
        List<TestGroup> groups = new ArrayList<>(dtos.size());
        for (int i = 0; i < dtos.size(); i++) {
            GroupDto g = dtos.get(i);
            if (g == null) {
                throw ApiException.invalid("groups[" + i + "]", "must not be null");
            }
            if (g.name() == null || g.name().isBlank() || g.name().length() > MAX_GROUP_NAME) {
                throw ApiException.invalid("groups[" + i + "].name", "must be 1 to " + MAX_GROUP_NAME
                        + " characters, as the tests' group names");
            }
            String at = "groups[" + g.name() + "]";
            if (g.points() == null) {
                throw ApiException.invalid(at + ".points", "is required");
            }
            String scoring = g.scoring() == null ? "min" : g.scoring();
            if (!SCORINGS.contains(scoring)) {
                throw ApiException.invalid(at + ".scoring", "must be one of " + SCORINGS + ", was '" + scoring + "'");
            }
            List<String> dependsOn = g.dependsOn() == null ? List.of() : g.dependsOn();
            if (dependsOn.stream().anyMatch(Objects::isNull)) {
                throw ApiException.invalid(at + ".dependsOn", "must not hold null");
            }
            groups.add(new TestGroup(g.name(), g.points(), TestGroup.Scoring.valueOf(scoring.toUpperCase(Locale.ROOT)),
                    dependsOn, Boolean.TRUE.equals(g.stopOnFirstFailure())));
        }
        return groups;
    }

    private Map<String, List<SourceFile>> supportFiles(Map<String, List<SourceDto>> dtos) {
        Map<String, List<SourceFile>> files = new LinkedHashMap<>();
        if (dtos == null) {
            return files;
        }
        for (Map.Entry<String, List<SourceDto>> e : dtos.entrySet()) {
            String language = e.getKey();
            String at = "supportFiles." + language;
            if (!ProblemKind.ALL_LANGUAGES.equals(language) && !languages.contains(language)) {
                throw ApiException.invalid(at, "unknown language '" + language + "'; known: " + languages.stream()
                        .sorted().toList() + ", or \"*\" for every language");
            }
            files.put(language, files(e.getValue(), at, true));
        }
        List<SourceFile> common = files.getOrDefault(ProblemKind.ALL_LANGUAGES, List.of());
        Set<String> commonNames = new HashSet<>();
        common.forEach(f -> commonNames.add(f.name()));
        for (Map.Entry<String, List<SourceFile>> e : files.entrySet()) {
            String at = "supportFiles." + e.getKey();
            List<SourceFile> own = e.getValue();
            if (!e.getKey().equals(ProblemKind.ALL_LANGUAGES)) {
                for (int i = 0; i < own.size(); i++) {
                    if (commonNames.contains(own.get(i).name())) {
                        throw ApiException.invalid(at + "[" + i + "].name", "'" + own.get(i).name()
                                + "' is also a file for every language (\"*\")");
                    }
                }
            }
            List<SourceFile> together = new ArrayList<>(common);
            if (!e.getKey().equals(ProblemKind.ALL_LANGUAGES)) {
                together.addAll(own);
            }
            checkSize(together, at, "the support files a submission gets");
        }
        return files;
    }

    private Interactor interactor(InteractorDto dto) {
        if (dto.languageId() == null || dto.languageId().isBlank()) {
            throw ApiException.invalid("interactor.languageId", "is required");
        }
        if (!languages.contains(dto.languageId())) {
            throw ApiException.invalid("interactor.languageId", "unknown language '" + dto.languageId()
                    + "'; known: " + languages.stream().sorted().toList());
        }
        if (dto.protocol() == null || !PROTOCOLS.contains(dto.protocol())) {
            throw ApiException.invalid("interactor.protocol", "must be one of " + PROTOCOLS + ", was "
                    + (dto.protocol() == null ? "left out" : "'" + dto.protocol() + "'"));
        }
        int passes = dto.passes() == null ? 1 : dto.passes();
        if (passes > MAX_PASSES) {
            throw ApiException.invalid("interactor.passes", "must be at most " + MAX_PASSES + ", was " + passes);
        }
        List<SourceFile> sources = files(dto.sources(), "interactor.sources", false);
        checkSize(sources, "interactor.sources", "the interactor's sources");
        return new Interactor(dto.languageId(), sources,
                Interactor.Protocol.valueOf(dto.protocol().toUpperCase(Locale.ROOT)), passes);
    }

    /** Files of one list, named and distinct; {@code named} false lets a file's name be left out (main file). */
    private static List<SourceFile> files(List<SourceDto> dtos, String at, boolean named) {
        if (dtos == null || dtos.isEmpty()) {
            if (named) {
                return List.of(); // a language without files of its own
            }
            throw ApiException.invalid(at, "must hold at least one file");
        }
        if (dtos.size() > MAX_FILES) {
            throw ApiException.invalid(at, "at most " + MAX_FILES + " files, got " + dtos.size());
        }
        List<SourceFile> files = new ArrayList<>(dtos.size());
        Set<String> names = new HashSet<>();
        for (int i = 0; i < dtos.size(); i++) {
            SourceDto f = dtos.get(i);
            String item = at + "[" + i + "]";
            if (f == null || f.content() == null) {
                throw ApiException.invalid(item + ".content", "is required");
            }
            if (f.name() == null && named) {
                throw ApiException.invalid(item + ".name", "is required");
            }
            if (!names.add(String.valueOf(f.name()))) {
                throw ApiException.invalid(item + ".name", "duplicate file name '" + f.name() + "'");
            }
            files.add(f.toSourceFile(item));
        }
        return files;
    }

    private void checkSize(List<SourceFile> files, String at, String what) {
        long total = 0;
        for (SourceFile f : files) {
            total += f.content().getBytes(StandardCharsets.UTF_8).length;
        }
        if (total > maxSourceBytes) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, what + " are larger than " + maxSourceBytes
                    + " bytes", List.of(new FieldProblem(at, "must be at most " + maxSourceBytes + " bytes together")));
        }
    }
}
