package dev.judge.core.problem;

import dev.judge.core.model.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Turns package files into {@link Program}s: which language, which file holds the entry point. */
final class Programs {
    private static final Map<String, String> BY_EXTENSION = Map.ofEntries(
            Map.entry("c", "c"), Map.entry("cpp", "cpp"), Map.entry("cc", "cpp"), Map.entry("cxx", "cpp"),
            Map.entry("c++", "cpp"), Map.entry("java", "java"), Map.entry("py", "python3"),
            Map.entry("js", "javascript"), Map.entry("rs", "rust"));
    private static final Set<String> HEADERS = Set.of("h", "hpp", "hh", "hxx");
    private static final Map<String, Pattern> ENTRY_POINT = Map.of(
            "c", Pattern.compile("\\bmain\\s*\\("),
            "cpp", Pattern.compile("\\bmain\\s*\\("),
            "java", Pattern.compile("static\\s+(?:public\\s+)?void\\s+main\\s*\\("),
            "python3", Pattern.compile("__main__"),
            "rust", Pattern.compile("\\bfn\\s+main\\s*\\("));

    private Programs() {
    }

    static String extension(String path) {
        String base = path.substring(path.lastIndexOf('/') + 1);
        int dot = base.lastIndexOf('.');
        return dot < 0 ? "" : base.substring(dot + 1).toLowerCase(Locale.ROOT);
    }

    /** The judge's language of a source file by its extension, or {@code null}. */
    static String languageOf(String path) {
        return BY_EXTENSION.get(extension(path));
    }

    /** The judge's language for a Kattis language code ({@code include/<code>/}), or {@code null}. */
    static String kattisLanguage(String code) {
        return switch (code) {
            case "c", "cpp", "java", "rust", "javascript", "python3" -> code;
            case "python" -> "python3";
            default -> null;
        };
    }

    /** The judge's language for a Polygon source type ({@code cpp.g++17}, {@code python.3}), or {@code null}. */
    static String polygonLanguage(String type) {
        String t = type == null ? "" : type.toLowerCase(Locale.ROOT);
        if (t.startsWith("cpp.") || t.startsWith("h.")) {
            return "cpp";
        } else if (t.startsWith("c.")) {
            return "c";
        } else if (t.startsWith("java")) {
            return "java";
        } else if (t.equals("python.3") || t.equals("python.pypy3") || t.startsWith("python.pypy3")) {
            return "python3";
        } else if (t.startsWith("js")) {
            return "javascript";
        } else if (t.startsWith("rust")) {
            return "rust";
        }
        return null;
    }

    /** The judge's language for a DMOJ language key ({@code CPP17}, {@code PY3}), or {@code null}. */
    static String dmojLanguage(String lang) {
        String l = lang == null ? "" : lang.toUpperCase(Locale.ROOT);
        if (l.startsWith("CPP")) {
            return "cpp";
        } else if (l.equals("C") || l.matches("C\\d+")) {
            return "c";
        } else if (l.startsWith("JAVA")) {
            return "java";
        } else if (l.equals("PY3") || l.equals("PYPY3")) {
            return "python3";
        } else if (l.equals("V8JS") || l.equals("NODEJS")) {
            return "javascript";
        } else if (l.equals("RUST")) {
            return "rust";
        }
        return null;
    }

    private static String relative(String programName, String path) {
        return path.startsWith(programName + "/") ? path.substring(programName.length() + 1)
                : path.substring(path.lastIndexOf('/') + 1);
    }

    /**
     * A program from {@code paths} (one file, or the files of a program directory {@code name}), or {@code null}
     * when it cannot be one; what was left out and why goes to the report.
     *
     * @param language the language when the package says it, else {@code null} to decide by extensions
     */
    static Program read(PackageFiles files, String name, List<String> paths, String language, Reporter report) {
        Set<String> languages = new LinkedHashSet<>();
        for (String p : paths) {
            String l = languageOf(p);
            if (l != null) {
                languages.add(l);
            }
        }
        String lang = language;
        if (lang == null) {
            if (languages.size() != 1) {
                report.unsupported(name, "", languages.isEmpty()
                        ? "no source file in a language the judge has (by extension: .c .cpp .java .py .js .rs)"
                        : "sources in several languages " + languages + "; the language cannot be told");
                paths.forEach(files::markUsed);
                return null;
            }
            lang = languages.iterator().next();
        }
        List<String> candidates = new ArrayList<>();
        List<SourceFile> others = new ArrayList<>();
        String main = null;
        for (String p : paths) {
            String rel = relative(name, p);
            String ext = extension(p);
            if (rel.equals("build") || rel.equals("run") || rel.equals("compile")) {
                files.markUsed(p);
                report.unsupported(p, "", "build and run scripts are not supported: the program is compiled as "
                        + lang + " from its sources");
                continue;
            }
            if (rel.contains("/")) {
                files.markUsed(p);
                report.unsupported(p, "", "a file in a subdirectory of a program is not supported");
                continue;
            }
            String text = files.textOrNull(p);
            if (text == null) {
                report.unsupported(p, "", "not text; a program's files must be sources");
                continue;
            }
            if (lang.equals(languageOf(p))) {
                candidates.add(p);
                Pattern entry = ENTRY_POINT.get(lang);
                if (main == null && (entry == null || entry.matcher(text).find())) {
                    main = p;
                }
            } else if (!HEADERS.contains(ext) && languageOf(p) != null) {
                report.unsupported(p, "", "a " + languageOf(p) + " file in a " + lang + " program; left out");
                continue;
            }
            others.add(new SourceFile(rel, text));
        }
        if (candidates.isEmpty()) {
            report.unsupported(name, "", "no " + lang + " source file");
            return null;
        }
        if (main == null) {
            main = candidates.get(0);
        }
        String mainName = relative(name, main);
        List<SourceFile> sources = new ArrayList<>();
        for (SourceFile f : others) {
            sources.add(f.name().equals(mainName) ? SourceFile.main(f.content()) : f);
        }
        sources.sort((a, b) -> a.name() == null ? -1 : b.name() == null ? 1 : 0);
        return new Program(name, lang, sources);
    }
}
