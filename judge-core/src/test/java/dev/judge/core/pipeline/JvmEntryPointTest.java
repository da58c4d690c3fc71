package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.testsupport.JavaClasses;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Finding the class to start and the name a Java main source must have. */
class JvmEntryPointTest {

    private static List<SandboxFile> compiled(Map<String, String> sources) {
        return JavaClasses.compile(sources).entrySet().stream().map(e -> SandboxFile.of(e.getKey(), e.getValue()))
                .toList();
    }

    @Test
    void findsTheOnlyMainWhateverItsNameAndPackage() {
        List<SandboxFile> files = compiled(Map.of("Solution.java", """
                package a.b;
                public class Solution { public static void main(String[] args) { } }
                class Helper { }
                """));
        assertThat(JvmEntryPoint.find(files, "Solution.java")).isEqualTo(JvmEntryPoint.Found.of("a.b.Solution"));
        // the main source's name only breaks ties
        assertThat(JvmEntryPoint.find(files, "Main.java")).isEqualTo(JvmEntryPoint.Found.of("a.b.Solution"));
    }

    @Test
    void noMainIsAProblemToReport() {
        JvmEntryPoint.Found f = JvmEntryPoint.find(compiled(Map.of("Main.java", "class Main { void main() { } }")),
                "Main.java");
        assertThat(f.mainClass()).isNull();
        assertThat(f.problem()).contains("public static void main(String[] args)");
    }

    @Test
    void severalMainsPreferTheMainSourcesClass() {
        List<SandboxFile> files = compiled(Map.of("Solution.java", """
                public class Solution { public static void main(String[] args) { } }
                """, "Tool.java", """
                package tools;
                public class Tool { public static void main(String[] args) { } }
                """));
        assertThat(JvmEntryPoint.find(files, "Solution.java")).isEqualTo(JvmEntryPoint.Found.of("Solution"));
        JvmEntryPoint.Found unclear = JvmEntryPoint.find(files, "Other.java");
        assertThat(unclear.mainClass()).isNull();
        assertThat(unclear.problem()).contains("several classes", "Solution, tools.Tool");
    }

    @Test
    void severalMainsInTheMainSourcePreferTheClassTheFileIsNamedAfter() {
        List<SandboxFile> files = compiled(Map.of("Solution.java", """
                public class Solution {
                    public static void main(String[] args) { }
                    static class Debug { public static void main(String[] args) { } }
                }
                """));
        assertThat(JvmEntryPoint.find(files, "Solution.java")).isEqualTo(JvmEntryPoint.Found.of("Solution"));
    }

    @Test
    void otherArtifactsAreIgnored() {
        List<SandboxFile> files = List.of(SandboxFile.of("notes.txt", new byte[] {1}));
        assertThat(JvmEntryPoint.find(files, "Main.java").mainClass()).isNull();
    }

    @Test
    void thePublicTopLevelTypeNamesTheFile() {
        assertThat(JvmEntryPoint.publicTopLevelType("""
                package a.b; // public class InAComment
                import java.util.*;
                /* public class InABlock { } */
                @SuppressWarnings("public class InAString")
                final class Helper { public static class Nested { } }
                public final class Solution {
                    String s = "}";
                    char c = '{';
                }
                """)).isEqualTo("Solution");
        assertThat(JvmEntryPoint.publicTopLevelType("""
                class A { String t = \"""
                    public class InATextBlock { \\\""" }
                    \"""; }
                public record Point(int x, int y) { }
                """)).isEqualTo("Point");
        assertThat(JvmEntryPoint.publicTopLevelType("public interface Shape { }")).isEqualTo("Shape");
        assertThat(JvmEntryPoint.publicTopLevelType("public enum Color { RED }")).isEqualTo("Color");
        assertThat(JvmEntryPoint.publicTopLevelType("class Main { public class Inner { } }")).isNull();
        assertThat(JvmEntryPoint.publicTopLevelType("public static void")).isNull();
        assertThat(JvmEntryPoint.publicTopLevelType("")).isNull();
    }
}
