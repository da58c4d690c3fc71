package dev.judge.core.testsupport;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import javax.tools.JavaCompiler;
import javax.tools.ToolProvider;

/** Real class files for tests that read them: compiles sources with the test JVM's own compiler. */
public final class JavaClasses {
    private JavaClasses() {
    }

    /**
     * Compiles the sources (file name to text) with {@code -d} into a temp dir.
     *
     * @return every class file, by its path relative to the output dir ({@code a/b/Solution.class})
     */
    public static Map<String, byte[]> compile(Map<String, String> sources, String... options) {
        JavaCompiler javac = ToolProvider.getSystemJavaCompiler();
        if (javac == null) {
            throw new IllegalStateException("the tests need a JDK, not a JRE");
        }
        try {
            Path dir = Files.createTempDirectory("judge-javac");
            try {
                List<String> args = new ArrayList<>(List.of(options));
                args.addAll(List.of("-d", dir.toString()));
                for (Map.Entry<String, String> e : sources.entrySet()) {
                    Path src = dir.resolve(e.getKey());
                    Files.writeString(src, e.getValue(), StandardCharsets.UTF_8);
                    args.add(src.toString());
                }
                int code = javac.run(null, null, null, args.toArray(String[]::new));
                if (code != 0) {
                    throw new IllegalArgumentException("javac exited with " + code);
                }
                Map<String, byte[]> out = new TreeMap<>();
                try (Stream<Path> files = Files.walk(dir)) {
                    for (Path f : (Iterable<Path>) files::iterator) {
                        if (f.toString().endsWith(".class")) {
                            out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
                        }
                    }
                }
                return out;
            } finally {
                try (Stream<Path> paths = Files.walk(dir)) {
                    paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
