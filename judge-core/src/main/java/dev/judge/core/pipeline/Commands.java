package dev.judge.core.pipeline;

import dev.judge.core.language.Language;
import dev.judge.core.sandbox.SandboxRequest;
import java.util.ArrayList;
import java.util.List;

/** Expands the placeholders of a language's commands into plain argument lists. */
final class Commands {
    static final String MAIN_CLASS = "{mainClass}";

    private Commands() {
    }

    /**
     * @param template  the command with placeholders
     * @param language  the language, for its main file name
     * @param fileNames the names of the source files in the work dir
     * @param memoryMiB the run's memory limit in MiB, before the language's extra memory
     */
    static List<String> expand(List<String> template, Language language, List<String> fileNames, long memoryMiB) {
        return expand(template, language, fileNames, memoryMiB, null);
    }

    /**
     * @param mainClass the class a JVM program starts from, for {@code {mainClass}}; {@code null} when the
     *                  command may not use it
     * @throws IllegalStateException when the command uses {@code {mainClass}} and none is given
     */
    static List<String> expand(List<String> template, Language language, List<String> fileNames, long memoryMiB,
            String mainClass) {
        String main = mainFile(language, fileNames);
        List<String> out = new ArrayList<>();
        for (String arg : template) {
            if (arg.equals("{sources}")) {
                out.addAll(sources(language, fileNames));
            } else {
                if (arg.contains(MAIN_CLASS) && mainClass == null) {
                    throw new IllegalStateException("language '" + language.id() + "': " + MAIN_CLASS
                            + " is only known to the run command of a compiled program");
                }
                String a = arg.replace("{src}", main).replace("{memoryMiB}", Long.toString(memoryMiB));
                out.add(mainClass == null ? a : a.replace(MAIN_CLASS, mainClass));
            }
        }
        return out;
    }

    /**
     * The command followed by the submitter's arguments, each kept as one argument: they reach the program
     * through exec's argument vector, never through a shell, so no character in them means anything.
     */
    static List<String> withArguments(List<String> command, List<String> arguments) {
        if (arguments.isEmpty()) {
            return command;
        }
        List<String> out = new ArrayList<>(command);
        out.addAll(arguments);
        return List.copyOf(out);
    }

    /** The run request with the program's arguments after its run command's own. */
    static SandboxRequest withArguments(SandboxRequest request, List<String> arguments) {
        if (arguments.isEmpty()) {
            return request;
        }
        return new SandboxRequest(withArguments(request.command(), arguments), request.files(), request.stdin(),
                request.limits(), request.environment(), request.collect(), request.profile());
    }

    /** Whether the language's run command starts a class found in the compiled files. */
    static boolean namesMainClass(Language language) {
        return language.compiled() && language.runCommand().stream().anyMatch(a -> a.contains(MAIN_CLASS));
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
