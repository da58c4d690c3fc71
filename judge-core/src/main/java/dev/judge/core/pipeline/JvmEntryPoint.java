package dev.judge.core.pipeline;

import dev.judge.core.sandbox.SandboxFile;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * The entry point of a program compiled to JVM class files, for languages whose run command names the class to
 * start ({@code {mainClass}}). As DOMjudge does, the compiled class files are searched for
 * {@code public static void main(String[])} rather than trusting a fixed class name, so a submission may name
 * its class freely and put it in a package. Where DOMjudge takes the first class found, an ambiguity here
 * prefers the class declared in the main source file and is otherwise a compile error naming the candidates,
 * so the outcome never depends on directory order.
 */
final class JvmEntryPoint {
    private static final Set<String> TYPE_KEYWORDS = Set.of("class", "interface", "enum", "record");

    private JvmEntryPoint() {
    }

    /** The class to start, or why there is none (a message for the compile output). */
    record Found(String mainClass, String problem) {
        static Found of(String mainClass) {
            return new Found(mainClass, null);
        }

        static Found none(String problem) {
            return new Found(null, problem);
        }
    }

    /**
     * Finds the class to start among compiled files.
     *
     * @param files      the compile's artifacts; files not ending in {@code .class} are ignored
     * @param mainSource the name of the submission's main source file, for example {@code Solution.java}
     * @throws IllegalArgumentException when a class file cannot be read
     */
    static Found find(List<SandboxFile> files, String mainSource) {
        List<ClassFile> mains = new ArrayList<>();
        for (SandboxFile f : files) {
            if (f.path().endsWith(".class")) {
                ClassFile c;
                try {
                    c = ClassFile.read(f.content());
                } catch (IllegalArgumentException e) {
                    throw new IllegalArgumentException(f.path() + ": " + e.getMessage(), e);
                }
                if (c.hasMain() && !c.isModule()) {
                    mains.add(c);
                }
            }
        }
        if (mains.isEmpty()) {
            return Found.none("no class declares the method public static void main(String[] args) to start from");
        }
        if (mains.size() == 1) {
            return Found.of(mains.get(0).binaryName());
        }
        List<ClassFile> inMain = mains.stream().filter(c -> mainSource.equals(c.sourceFile())).toList();
        if (inMain.size() == 1) {
            return Found.of(inMain.get(0).binaryName());
        }
        // Several in the main source (a nested class with its own main, say): the one the file is named after.
        String stem = mainSource.endsWith(".java") ? mainSource.substring(0, mainSource.length() - 5) : mainSource;
        List<ClassFile> named = inMain.stream().filter(c -> simpleName(c.binaryName()).equals(stem)).toList();
        if (named.size() == 1) {
            return Found.of(named.get(0).binaryName());
        }
        List<String> names = mains.stream().map(ClassFile::binaryName).sorted().toList();
        return Found.none("several classes declare public static void main(String[] args): "
                + String.join(", ", names) + "; keep one");
    }

    private static String simpleName(String binaryName) {
        return binaryName.substring(binaryName.lastIndexOf('.') + 1);
    }

    /**
     * The name of the source's public top-level type, which {@code javac} requires the file to be named after,
     * or {@code null} when it declares none. Comments, string and character literals and text blocks are
     * skipped; only declarations outside every brace count.
     */
    static String publicTopLevelType(String source) {
        int depth = 0;
        boolean sawPublic = false;
        int i = 0;
        int n = source.length();
        while (i < n) {
            char c = source.charAt(i);
            if (c == '/' && i + 1 < n && source.charAt(i + 1) == '/') {
                i = skipTo(source, "\n", i + 2);
            } else if (c == '/' && i + 1 < n && source.charAt(i + 1) == '*') {
                i = skipTo(source, "*/", i + 2);
            } else if (source.startsWith("\"\"\"", i)) {
                i = skipQuoted(source, "\"\"\"", i + 3);
            } else if (c == '"' || c == '\'') {
                i = skipQuoted(source, String.valueOf(c), i + 1);
            } else if (c == '{') {
                depth++;
                i++;
            } else if (c == '}') {
                depth = Math.max(0, depth - 1);
                sawPublic = false;
                i++;
            } else if (c == ';') {
                sawPublic = false;
                i++;
            } else if (Character.isJavaIdentifierStart(c)) {
                int end = i + 1;
                while (end < n && Character.isJavaIdentifierPart(source.charAt(end))) {
                    end++;
                }
                String word = source.substring(i, end);
                if (depth == 0) {
                    if (word.equals("public")) {
                        sawPublic = true;
                    } else if (sawPublic && TYPE_KEYWORDS.contains(word)) {
                        String name = nextIdentifier(source, end);
                        if (name != null) {
                            return name;
                        }
                    }
                }
                i = end;
            } else {
                i++;
            }
        }
        return null;
    }

    private static String nextIdentifier(String source, int from) {
        int i = from;
        while (i < source.length() && Character.isWhitespace(source.charAt(i))) {
            i++;
        }
        int end = i;
        while (end < source.length() && Character.isJavaIdentifierPart(source.charAt(end))) {
            end++;
        }
        return end > i && Character.isJavaIdentifierStart(source.charAt(i)) ? source.substring(i, end) : null;
    }

    private static int skipTo(String source, String end, int from) {
        int at = source.indexOf(end, from);
        return at < 0 ? source.length() : at + end.length();
    }

    private static int skipQuoted(String source, String quote, int from) {
        int i = from;
        while (i < source.length()) {
            if (source.charAt(i) == '\\') {
                i += 2;
            } else if (source.startsWith(quote, i)) {
                return i + quote.length();
            } else if (quote.length() == 1 && source.charAt(i) == '\n') {
                return i + 1; // an unterminated literal: javac will say so
            } else {
                i++;
            }
        }
        return source.length();
    }
}
