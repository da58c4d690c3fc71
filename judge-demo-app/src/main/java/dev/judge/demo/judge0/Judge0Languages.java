package dev.judge.demo.judge0;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.Language;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.stereotype.Component;

/**
 * Judge0 language ids onto the judge's languages: each available language answers to its Judge0 ids (the first
 * available one, in the order of the languages' ids, when several claim the same Judge0 id).
 */
@Component
class Judge0Languages {
    /** The map built from one answer of {@code judge.languages()}; rebuilt only when the answer changes. */
    private record Built(List<LanguageInfo> from, Map<Integer, LanguageInfo> byId) {
    }

    private final Judge judge;
    /** The judge's language ids answering to each Judge0 id, in the order {@link #byId()} prefers them. */
    private final Map<Integer, List<String>> claimants;
    private volatile Built built = new Built(List.of(), Map.of());

    Judge0Languages(Judge judge, Languages languages) {
        this.judge = judge;
        Map<Integer, List<String>> claims = new HashMap<>();
        for (Language l : languages.all()) {
            l.judge0Ids().forEach(id -> claims.computeIfAbsent(id, k -> new ArrayList<>()).add(l.id()));
        }
        claims.replaceAll((id, ids) -> List.copyOf(ids));
        this.claimants = Map.copyOf(claims);
    }

    /** Available languages by Judge0 id, in id order. */
    Map<Integer, LanguageInfo> byId() {
        List<LanguageInfo> infos = judge.languages(); // availability may change: a probe is retried until definite
        Built b = built;
        if (!b.from().equals(infos)) {
            b = new Built(infos, build(infos));
            built = b;
        }
        return b.byId();
    }

    private static Map<Integer, LanguageInfo> build(List<LanguageInfo> infos) {
        List<Map.Entry<Integer, LanguageInfo>> entries = new ArrayList<>();
        for (LanguageInfo info : infos) {
            if (info.available()) {
                info.language().judge0Ids().forEach(id -> entries.add(Map.entry(id, info)));
            }
        }
        entries.sort(Comparator.comparing(Map.Entry::getKey));
        Map<Integer, LanguageInfo> map = new LinkedHashMap<>();
        entries.forEach(e -> map.putIfAbsent(e.getKey(), e.getValue()));
        return Collections.unmodifiableMap(map);
    }

    /**
     * The available language answering to {@code judge0Id}, as {@link #byId()} would map it, asking the judge about
     * those languages only: on accept, where {@code byId()} would probe every language's toolchain and hold the
     * first submission after a start until the slowest of them answered.
     */
    Optional<LanguageInfo> find(int judge0Id) {
        for (String id : claimants.getOrDefault(judge0Id, List.of())) {
            Optional<LanguageInfo> info = judge.language(id).filter(LanguageInfo::available);
            if (info.isPresent()) {
                return info;
            }
        }
        return Optional.empty();
    }

    /** Judge0's name of a language: the judge's name and the toolchain's version; Multi-file program's as is. */
    static String name(LanguageInfo info) {
        if (Judge0MultiFile.is(info)) {
            return Judge0MultiFile.NAME;
        }
        return info.version().isEmpty() ? info.language().name() : info.language().name() + " " + info.version();
    }
}
