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
    void theBundledDefaultsDescribeTheSixLanguages() {
        Languages d = Languages.defaults();
        assertThat(d.all()).extracting(Language::id)
                .containsExactly("c", "cpp", "java", "javascript", "python3", "rust");
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
        assertThat(python.compiled()).isFalse();
        assertThat(python.runCommand()).contains("python3", "{src}");
        assertThat(d.find("rust").orElseThrow().compileCommand()).contains("rustc", "-O");
        assertThat(d.find("javascript").orElseThrow().profile()).isEqualTo("node");
    }

    @Test
    void judge0IdsMapToLanguages() {
        Languages d = Languages.defaults();
        Map<Integer, String> expected = Map.ofEntries(Map.entry(48, "c"), Map.entry(49, "c"), Map.entry(50, "c"),
                Map.entry(52, "cpp"), Map.entry(53, "cpp"), Map.entry(54, "cpp"), Map.entry(62, "java"),
                Map.entry(63, "javascript"), Map.entry(71, "python3"), Map.entry(73, "rust"));
        expected.forEach((id, lang) -> assertThat(d.byJudge0Id(id)).as("judge0 id " + id)
                .hasValueSatisfying(l -> assertThat(l.id()).isEqualTo(lang)));
        assertThat(d.byJudge0Id(1)).isEmpty();
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
                "ruby.name", "Ruby",
                "ruby.source", "main.rb",
                "ruby.run", "ruby {src}",
                "ruby.version", "ruby --version",
                "ruby.judge0", "72",
                "rust.disabled", "true"));
        Language ruby = d.find("ruby").orElseThrow();
        assertThat(ruby.compiled()).isFalse();
        assertThat(ruby.profile()).isEqualTo("default");
        assertThat(ruby.minProcesses()).isEqualTo(1);
        assertThat(d.byJudge0Id(72)).contains(ruby);
        assertThat(d.find("rust")).isEmpty();
        assertThat(d.all()).hasSize(6);
    }

    @Test
    void badPropertiesNameTheKey() {
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("cpp.compiler", "g++")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("cpp.compiler");
        assertThatThrownBy(() -> Languages.defaults().withProperties(Map.of("go.name", "Go")))
                .hasMessageContaining("go.source");
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
