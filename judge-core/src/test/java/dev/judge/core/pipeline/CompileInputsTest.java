package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.language.Language;
import dev.judge.core.language.Languages;
import dev.judge.core.model.SourceFile;
import dev.judge.core.sandbox.SandboxFile;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Which files a compile gets, which a run gets, and what the Java main source is named. */
class CompileInputsTest {
    private final Languages languages = Languages.defaults();

    @Test
    void compiledSupportFilesStayOutOfTheRunOthersGoIn() {
        CompileInputs in = CompileInputs.of(languages.find("cpp").orElseThrow(),
                List.of(SourceFile.main("long long add();")),
                List.of(new SourceFile("grader.cpp", "int main(){}"), new SourceFile("problem.h", "#pragma once"),
                        new SourceFile("data.txt", "")));
        assertThat(in.files()).containsOnlyKeys("main.cpp", "grader.cpp", "problem.h", "data.txt");
        assertThat(in.mainSource()).isEqualTo("main.cpp");
        assertThat(in.runFiles()).extracting(SandboxFile::path).containsExactly("problem.h", "data.txt");
        assertThat(in.support()).containsExactly("grader.cpp", "problem.h", "data.txt");
    }

    @Test
    void anInterpretedLanguageRunsItsSupportFilesAsTheyAre() {
        CompileInputs in = CompileInputs.of(languages.find("python3").orElseThrow(),
                List.of(SourceFile.main("import helper")), List.of(new SourceFile("helper.py", "X = 1")));
        assertThat(in.asRunFiles()).extracting(SandboxFile::path).containsExactly("main.py", "helper.py");
        assertThat(in.runFiles()).isEmpty();
    }

    @Test
    void aJavaMainSourceIsNamedAfterItsPublicClass() {
        Language java = languages.find("java").orElseThrow();
        CompileInputs in = CompileInputs.of(java, List.of(SourceFile.main("package a.b; public class Solution {}")),
                List.of());
        assertThat(in.files()).containsOnlyKeys("Solution.java");
        assertThat(in.mainSource()).isEqualTo("Solution.java");
        CompileInputs plain = CompileInputs.of(java, List.of(SourceFile.main("class Anything {}")), List.of());
        assertThat(plain.files()).containsOnlyKeys("Main.java");
        CompileInputs named = CompileInputs.of(java, List.of(new SourceFile("Other.java", "public class Other {}")),
                List.of());
        assertThat(named.files()).containsOnlyKeys("Other.java");
    }

    @Test
    void aJavaMainSourceIsNotRenamedOntoAnotherFile() {
        CompileInputs in = CompileInputs.of(languages.find("java").orElseThrow(),
                List.of(SourceFile.main("public class Grader {}")),
                List.of(new SourceFile("Grader.java", "public class Grader {}")));
        assertThat(in.files()).containsOnlyKeys("Main.java", "Grader.java");
    }
}
