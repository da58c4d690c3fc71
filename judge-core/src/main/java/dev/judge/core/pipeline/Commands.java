package dev.judge.core.pipeline;

import dev.judge.core.language.Language;
import java.util.ArrayList;
import java.util.List;

/** Expands the placeholders of a language's commands into plain argument lists. */
final class Commands {
    private Commands() {
    }

    /**
     * @param template  the command with placeholders
     * @param language  the language, for its main file name
     * @param fileNames the names of the source files in the work dir
     * @param memoryMiB the run's memory limit in MiB, before the language's extra memory
     */
    static List<String> expand(List<String> template, Language language, List<String> fileNames, long memoryMiB) {
        String main = mainFile(language, fileNames);
        List<String> out = new ArrayList<>();
        for (String arg : template) {
            if (arg.equals("{sources}")) {
                out.addAll(sources(language, fileNames));
            } else {
                out.add(arg.replace("{src}", main).replace("{memoryMiB}", Long.toString(memoryMiB)));
            }
        }
        return out;
    }

    /** The language's main file if present, else the first file. */
    static String mainFile(Language language, List<String> fileNames) {
        return fileNames.contains(language.sourceFile()) || fileNames.isEmpty()
                ? language.sourceFile() : fileNames.get(0);
    }

    /** The files ending like the main file (headers and data files stay out of the compiler's argument list). */
    static List<String> sources(Language language, List<String> fileNames) {
        String main = language.sourceFile();
        int dot = main.lastIndexOf('.');
        if (dot < 0) {
            return fileNames;
        }
        String ext = main.substring(dot);
        List<String> matching = fileNames.stream().filter(n -> n.endsWith(ext)).toList();
        return matching.isEmpty() ? fileNames : matching;
    }
}
