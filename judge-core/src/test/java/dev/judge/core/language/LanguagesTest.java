package dev.judge.core.language;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Limits;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class LanguagesTest {

    @Test
    void theBundledDefaultsDescribeEveryLanguage() {
        Languages d = Languages.defaults();
        assertThat(d.all()).extracting(Language::id).containsExactly("bash", "c", "cpp", "csharp", "go", "haskell",
                "java", "javascript", "kotlin", "lua", "pascal", "perl", "php", "python3", "ruby", "rust", "typescript");
        Language java = d.find("java").orElseThrow();
        assertThat(java.sourceFile()).isEqualTo("Main.java");
        assertThat(java.compileCommand()).first().isEqualTo("javac");
        assertThat(java.compileCommand()).containsSubsequence("-d", ".", "{sources}");
        assertThat(java.runCommand()).containsSubsequence("java", "-cp", ".", "{mainClass}");
        assertThat(java.artifacts()).startsWith("*.class", "*/*.class", "*/*/*.class");
        assertThat(java.profile()).isEqualTo("jvm");
        assertThat(java.extraTime()).isEqualTo(Duration.ofSeconds(1));
        assertThat(java.extraMemory()).isEqualTo(ByteSize.ofMiB(256));
        Language cpp = d.find("cpp").orElseThrow();
        assertThat(cpp.compileCommand()).contains("g++", "-O2", "-std=c++17");
        Language python = d.find("python3").orElseThrow();
        assertThat(python.runCommand()).contains("python3", "{src}");
        assertThat(d.find("rust").orElseThrow().compileCommand()).contains("rustc", "-O");
        assertThat(d.find("javascript").orElseThrow().profile()).isEqualTo("node");
        assertThat(d.find("kotlin").orElseThrow().profile()).isEqualTo("jvm");
        assertThat(d.find("go").orElseThrow().minProcesses()).isGreaterThan(1);
    }

    @Test
    void interpretedLanguagesCheckTheirSourcesAndHandEveryFileToTheRun() {
        Languages d = Languages.defaults();
        assertThat(d.all()).as("every language has a compile or check step").allMatch(Language::compiled);
        Map<String, String> checks = Map.of("python3", "py_compile", "javascript", "--check", "ruby", "-c",
                "php", "-l", "perl", "-c", "lua", "-p", "bash", "-n");
        checks.forEach((id, flag) -> {
            Language l = d.find(id).orElseThrow();
            assertThat(l.compileCommand()).as(id).contains(flag);
            assertThat(l.artifacts()).as(id).containsExactly("*");
        });
    }

    @Test
    void judge0IdsMapToLanguages() {
        Languages d = Languages.defaults();
        Map<Integer, String> expected = Map.ofEntries(Map.entry(46, "bash"), Map.entry(48, "c"), Map.entry(49, "c"),
                Map.entry(50, "c"), Map.entry(51, "csharp"), Map.entry(52, "cpp"), Map.entry(53, "cpp"),
                Map.entry(54, "cpp"), Map.entry(60, "go"), Map.entry(61, "haskell"), Map.entry(62, "java"),
                Map.entry(63, "javascript"), Map.entry(64, "lua"), Map.entry(67, "pascal"), Map.entry(68, "php"),
                Map.entry(71, "python3"), Map.entry(72, "ruby"), Map.entry(73, "rust"), Map.entry(74, "typescript"),
                Map.entry(78, "kotlin"), Map.entry(85, "perl"));
        expected.forEach((id, lang) -> assertThat(d.byJudge0Id(id)).as("judge0 id " + id)
                .hasValueSatisfying(l -> assertThat(l.id()).isEqualTo(lang)));
        assertThat(d.all()).flatExtracting(Language::judge0Ids).as("each Judge0 id names one language")
                .doesNotHaveDuplicates().hasSameSizeAs(expected.keySet());
        assertThat(d.byJudge0Id(1)).as("an archived Judge0 language").isEmpty();
    }

    @Test
    void propertiesOverrideFieldsOfAKnownLanguage() {
        Languages d = Languages.defaults().withProperties(Map.of(
                "cpp.compile", "clang++ -std=c++20 -O3 -o main {sources}",
                "cpp.time.multiplier", "1.5",
                "python3.time.extra", "250ms"));
        Language cpp = d.find("cpp").orElseThrow();
        assertThat(cpp.compileCommand()).containsExactly("clang++", "-std=c++20", "-O3", "-o", "main", "{sources}");
        assertThat(cpp.timeMultiplier()).isEqualTo(1.5);
        assertThat(cpp.runCommand()).isEqualTo(Languages.defaults().find("cpp").orElseThrow().runCommand());
        assertThat(d.find("python3").orElseThrow().extraTime()).isEqualTo(Duration.ofMillis(250));
        assertThat(Languages.defaults().find("cpp").orElseThrow().timeMultiplier())
                .as("the defaults are not changed").isEqualTo(1.0);
    }

    @Test
    void propertiesAddAndRemoveLanguages() {
        Languages d = Languages.defaults().withProperties(Map.of(
                "ocaml.name", "OCaml",
                "ocaml.source", "main.ml",
                "ocaml.run", "ocaml {src}",
                "ocaml.version", "ocaml -version",
                "ocaml.judge0", "65",
                "rust.disabled", "true"));
        Language ocaml = d.find("ocaml").orElseThrow();
        assertThat(ocaml.compiled()).isFalse();
        assertThat(ocaml.profile()).isEqualTo("default");
        assertThat(ocaml.minProcesses()).isEqualTo(1);
        assertThat(d.byJudge0Id(65)).contains(ocaml);
        assertThat(d.find("rust")).isEmpty();
        assertThat(d.all()).hasSameSizeAs(Languages.defaults().all());
    }

    @Test
    void badPropertiesNameTheKey() {
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("cpp.compiler", "g++")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpp.compiler");
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("ocaml.name", "OCaml")))
                .hasMessageContaining("ocaml.source");
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("c.time.extra", "soon")))
                .hasMessageContaining("c.time.extra");
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("c.time.multiplier", "0.5")))
                .hasMessageContaining("timeMultiplier");
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("c.artifacts", "")))
                .hasMessageContaining("artifacts");
    }

    @Test
    void languagesCanBeBuiltAsRecords() {
        Language go = new Language("go", "Go", "main.go", List.of("go", "build", "-o", "main", "{src}"),
                List.of("./main"), List.of("main"), 1, Duration.ZERO, ByteSize.ZERO, 8, "default",
                List.of("go", "version"), List.of(60));
        Languages only = Languages.of(List.of(go));
        assertThat(only.all()).containsExactly(go);
        assertThat(Languages.defaults().with(go).find("go")).contains(go);
        assertThat(Languages.defaults().without("c").find("c")).isEmpty();
        assertThatThrownBy(() -> new Language("Go!", "Go", "main.go", List.of(), List.of("x"), List.of(), 1,
                Duration.ZERO, ByteSize.ZERO, 1, "default", List.of("go"), List.of()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("id");
    }

    @Test
    void allowancesScaleAndExtendTheLimitsWithinTheHardBounds() {
        Language java = Languages.defaults().find("java").orElseThrow();
        Limits asked = Limits.defaults().withCpuTime(Duration.ofSeconds(2)).withMemory(ByteSize.ofMiB(256));
        Limits allowed = java.allowFor(asked);
        assertThat(allowed.cpuTime()).isEqualTo(Duration.ofSeconds(3));
        assertThat(allowed.memory()).isEqualTo(ByteSize.ofMiB(512));
        assertThat(allowed.processes()).isEqualTo(64);
        Language slow = new Language("slow", "Slow", "a.s", List.of(), List.of("x"), List.of(), 100,
                Duration.ofMinutes(10), ByteSize.ofGiB(64), 1, "default", List.of("x"), List.of());
        Limits capped = slow.allowFor(Limits.defaults().withCpuTime(Limits.MAX_TIME).withMemory(Limits.MAX_MEMORY));
        assertThat(capped.cpuTime()).isEqualTo(Limits.MAX_TIME);
        assertThat(capped.memory()).isEqualTo(Limits.MAX_MEMORY);
    }

    @Test
    void durationsParse() {
        assertThat(Languages.parseDuration("k", "500ms")).isEqualTo(Duration.ofMillis(500));
        assertThat(Languages.parseDuration("k", "2s")).isEqualTo(Duration.ofSeconds(2));
        assertThat(Languages.parseDuration("k", "1m")).isEqualTo(Duration.ofMinutes(1));
        assertThat(Languages.parseDuration("k", "40")).isEqualTo(Duration.ofMillis(40));
    }
}
