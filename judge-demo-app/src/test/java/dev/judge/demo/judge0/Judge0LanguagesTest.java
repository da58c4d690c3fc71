package dev.judge.demo.judge0;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.language.Languages;
import dev.judge.core.testsupport.FakeSandbox;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** Judge0 ids onto the judge's languages, and what a lookup on accept costs in toolchain probes. */
class Judge0LanguagesTest {
    /** Sorts before {@code cpp} and claims one of its Judge0 ids, but its toolchain is missing. */
    private static final Languages LANGUAGES = Languages.defaults().withProperties(Map.of(
            "aaa.name", "AAA", "aaa.source", "main.aaa", "aaa.compile", "aaac -o main {src}",
            "aaa.artifacts", "main", "aaa.run", "./main", "aaa.version", "judge-no-such-aaac --version",
            "aaa.judge0", "54"));

    private final List<String> probed = new CopyOnWriteArrayList<>();
    private final FakeSandbox sandbox = new FakeSandbox(r -> {
        probed.add(r.command().get(0));
        return r.command().get(0).startsWith("judge-no-such")
                ? FakeSandbox.exited(127, "") : FakeSandbox.exited(0, "v1\n");
    });

    @Test
    void aLookupProbesOnlyTheLanguagesAnsweringToTheId() {
        try (Judge judge = Judge.builder().sandbox(sandbox).languages(LANGUAGES).build()) {
            Judge0Languages languages = new Judge0Languages(judge, LANGUAGES);
            assertThat(languages.find(50)).map(LanguageInfo::id).contains("c");
            assertThat(probed).containsExactly(LANGUAGES.find("c").orElseThrow().versionCommand().get(0));
            assertThat(languages.find(54)).as("the available one of two claimants").map(LanguageInfo::id)
                    .contains("cpp");
            assertThat(probed).hasSize(3);
            assertThat(languages.find(1)).as("an id no language answers to").isEmpty();
            assertThat(probed).hasSize(3);
        }
    }

    @Test
    void aLookupAnswersAsTheMapOfEveryLanguageDoes() {
        try (Judge judge = Judge.builder().sandbox(sandbox).languages(LANGUAGES).build()) {
            Judge0Languages languages = new Judge0Languages(judge, LANGUAGES);
            Map<Integer, LanguageInfo> all = languages.byId();
            assertThat(all).containsKeys(50, 54, 62, 71).hasEntrySatisfying(54, i -> assertThat(i.id()).isEqualTo("cpp"));
            all.forEach((id, info) -> assertThat(languages.find(id)).as("Judge0 id " + id).contains(info));
            LANGUAGES.all().stream().flatMap(l -> l.judge0Ids().stream()).filter(id -> !all.containsKey(id))
                    .forEach(id -> assertThat(languages.find(id)).as("Judge0 id " + id).isEmpty());
        }
    }
}
