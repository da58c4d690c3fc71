package dev.judge.core.pipeline;

import dev.judge.core.language.Language;
import dev.judge.core.model.SourceFile;
import dev.judge.core.sandbox.SandboxFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What goes into a compile: the submitter's sources and the problem's support files, by file name, and what
 * the runs need besides the compiled program.
 *
 * <p>A support file whose name ends like the language's main source ({@code grader.cpp} for C++) is compiled
 * with the submission; any other (a header, a data file, a module of an interpreted language) is placed in the
 * compile work dir and in every run's work dir. For a language whose run command names the class to start, an
 * unnamed main source is named after its public top-level class, as {@code javac} requires.
 *
 * @param files      every file of the compile work dir, sources first, in the order given
 * @param mainSource the name the main source got
 * @param runFiles   support files every run gets besides the program (none for a language without a compile
 *                   step: its files all run as they are)
 * @param support    the names of the support files, for the artifact cache key
 */
record CompileInputs(Map<String, byte[]> files, String mainSource, List<SandboxFile> runFiles, List<String> support) {

    static CompileInputs of(Language language, List<SourceFile> sources, List<SourceFile> supportFiles) {
        String mainName = language.sourceFile();
        String renamed = Commands.namesMainClass(language) ? classNamedSource(language, sources, supportFiles) : null;
        Map<String, byte[]> files = new LinkedHashMap<>();
        for (SourceFile f : sources) {
            String name = f.name() == null ? mainName : f.name();
            files.put(name.equals(mainName) && renamed != null ? renamed : name, Utf8.utf8(f.content()));
        }
        String mainSource = Commands.mainFile(language, List.copyOf(files.keySet()));
        if (renamed != null) {
            mainSource = renamed;
        }
        String ext = extension(mainName);
        List<SandboxFile> runFiles = new ArrayList<>();
        List<String> support = new ArrayList<>();
        for (SourceFile f : supportFiles) {
            byte[] content = Utf8.utf8(f.content());
            files.put(f.name(), content);
            support.add(f.name());
            if (language.compiled() && !(ext != null && f.name().endsWith(ext))) {
                runFiles.add(SandboxFile.of(f.name(), content));
            }
        }
        return new CompileInputs(files, mainSource, List.copyOf(runFiles), List.copyOf(support));
    }

    /** The files of a language without a compile step: what runs. */
    List<SandboxFile> asRunFiles() {
        return files.entrySet().stream().map(e -> SandboxFile.of(e.getKey(), e.getValue())).toList();
    }

    /**
     * The name the main source must have for {@code javac} when it declares a public class other than the
     * language's main file name, or {@code null} to keep that name.
     */
    private static String classNamedSource(Language language, List<SourceFile> sources, List<SourceFile> support) {
        String mainName = language.sourceFile();
        String ext = extension(mainName);
        SourceFile main = sources.stream().filter(f -> f.name() == null || f.name().equals(mainName)).findFirst()
                .orElse(null);
        if (main == null || ext == null) {
            return null;
        }
        String type = JvmEntryPoint.publicTopLevelType(main.content());
        if (type == null || (type + ext).equals(mainName)) {
            return null;
        }
        String name = type + ext;
        boolean taken = sources.stream().anyMatch(f -> name.equals(f.name()))
                || support.stream().anyMatch(f -> name.equals(f.name()));
        return taken ? null : name;
    }

    private static String extension(String name) {
        int dot = name.lastIndexOf('.');
        return dot < 0 ? null : name.substring(dot);
    }
}
