package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.testsupport.JavaClasses;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The class-file reader on class files the real compiler wrote. */
class ClassFileTest {

    private static ClassFile read(Map<String, byte[]> classes, String path) {
        assertThat(classes).containsKey(path);
        return ClassFile.read(classes.get(path));
    }

    @Test
    void readsTheBinaryNameSourceFileAndMainOfAClassInAPackage() {
        Map<String, byte[]> classes = JavaClasses.compile(Map.of("Solution.java", """
                package a.b;
                public class Solution {
                    static final long BIG = 1L << 40;
                    static final double HALF = 0.5;
                    public static void main(String[] args) { System.out.println(BIG * HALF + "x"); }
                }
                class Helper { static void main(String[] args) { } }
                """));
        assertThat(read(classes, "a/b/Solution.class")).isEqualTo(new ClassFile("a.b.Solution", "Solution.java", true));
        assertThat(read(classes, "a/b/Helper.class")).isEqualTo(new ClassFile("a.b.Helper", "Solution.java", false));
    }

    @Test
    void onlyAPublicStaticVoidMainOfStringArrayCounts() {
        Map<String, byte[]> classes = JavaClasses.compile(Map.of("M.java", """
                class Varargs { public static void main(String... a) { } }
                class Instance { public void main(String[] a) { } }
                class Private { private static void main(String[] a) { } }
                class WrongType { public static void main(Object[] a) { } }
                class Returns { public static int main(String[] a) { return 0; } }
                class NoArgs { public static void main() { } }
                interface InInterface { static void main(String[] a) { } }
                class Outer { static class Inner { public static void main(String[] a) { } } }
                """));
        assertThat(read(classes, "Varargs.class").hasMain()).isTrue();
        assertThat(read(classes, "InInterface.class").hasMain()).isTrue();
        assertThat(read(classes, "Outer$Inner.class")).isEqualTo(new ClassFile("Outer$Inner", "M.java", true));
        for (String none : new String[] {"Instance", "Private", "WrongType", "Returns", "NoArgs", "Outer"}) {
            assertThat(read(classes, none + ".class").hasMain()).as(none).isFalse();
        }
    }

    @Test
    void aClassWithoutDebugInformationHasNoSourceFile() {
        Map<String, byte[]> classes = JavaClasses.compile(Map.of("Main.java",
                "public class Main { public static void main(String[] a) { } }"), "-g:none");
        assertThat(read(classes, "Main.class")).isEqualTo(new ClassFile("Main", null, true));
    }

    @Test
    void refusesWhatIsNoWellFormedClassFile() {
        byte[] good = JavaClasses.compile(Map.of("Main.java", "class Main { }")).get("Main.class");
        assertThatThrownBy(() -> ClassFile.read(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("magic");
        for (int cut : new int[] {0, 3, 10, good.length / 2, good.length - 1}) {
            assertThatThrownBy(() -> ClassFile.read(Arrays.copyOf(good, cut))).as("cut at " + cut)
                    .isInstanceOf(IllegalArgumentException.class);
        }
        byte[] badTag = good.clone();
        badTag[10] = 99; // the first constant pool entry's tag
        assertThatThrownBy(() -> ClassFile.read(badTag)).isInstanceOf(IllegalArgumentException.class);
    }
}
