package dev.judge.core.problem;

import dev.judge.core.model.SourceFile;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The programs and files of a Kattis package beside its data: the output validator ({@code output_validators/}
 * in the legacy format, {@code output_validator/} in 2023-07), input validators and {@code include/}.
 */
final class KattisPrograms {
    private final PackageFiles files;
    private final Reporter report;

    KattisPrograms(PackageFiles files, Reporter report) {
        this.files = files;
        this.report = report;
    }

    Program outputValidator() {
        if (files.hasDirectory("output_validator")) {
            List<String> all = files.filesUnder("output_validator");
            return Programs.read(files, "output_validator", all, null, report);
        }
        if (!files.hasDirectory("output_validators")) {
            return null;
        }
        List<Program> programs = programsIn("output_validators");
        if (programs.size() > 1) {
            for (Program p : programs.subList(1, programs.size())) {
                report.unsupported(p.name(), "", "more than one output validator; only "
                        + programs.get(0).name() + " is used");
            }
        }
        return programs.isEmpty() ? null : programs.get(0);
    }

    /** Each file or directory directly in {@code dir} as one program. */
    private List<Program> programsIn(String dir) {
        List<Program> out = new ArrayList<>();
        for (String child : files.children(dir)) {
            String path = dir + "/" + child;
            List<String> paths = files.has(path) ? List.of(path) : files.filesUnder(path);
            Program p = Programs.read(files, path, new ArrayList<>(paths), null, report);
            if (p != null) {
                out.add(p);
            }
        }
        return out;
    }

    Map<String, List<SourceFile>> include() {
        Map<String, List<SourceFile>> out = new LinkedHashMap<>();
        for (String code : files.children("include")) {
            String dir = "include/" + code;
            String lang = code.equals("default") ? ProblemDefinition.ALL_LANGUAGES : Programs.kattisLanguage(code);
            List<SourceFile> list = new ArrayList<>();
            for (String f : files.filesUnder(dir)) {
                String rel = f.substring(dir.length() + 1);
                if (lang == null) {
                    files.markUsed(f);
                    report.unsupported(f, "", "the judge has no language '" + code + "'");
                } else if (rel.contains("/")) {
                    files.markUsed(f);
                    report.unsupported(f, "", "included files in subdirectories are not supported");
                } else {
                    String text = files.textOrNull(f);
                    if (text == null) {
                        report.unsupported(f, "", "not text; included files are passed as source files");
                    } else {
                        list.add(new SourceFile(rel, text));
                        report.imported(f, "", code.equals("default")
                                ? "added to every submission in a language without its own include directory"
                                : "added to every " + code + " submission");
                    }
                }
            }
            if (!list.isEmpty()) {
                out.put(lang, List.copyOf(list));
            }
        }
        return out;
    }

    List<Program> inputValidators() {
        List<Program> out = new ArrayList<>();
        for (String dir : List.of("input_validators", "input_format_validators")) {
            for (String child : files.children(dir)) {
                String path = dir + "/" + child;
                String ext = Programs.extension(path);
                if (files.has(path) && (ext.equals("ctd") || ext.equals("viva"))) {
                    files.markUsed(path);
                    report.unsupported(path, "", ext + " validators (checktestdata, viva) are not supported");
                    continue;
                }
                List<String> paths = files.has(path) ? List.of(path) : files.filesUnder(path);
                Program p = Programs.read(files, path, new ArrayList<>(paths), null, report);
                if (p != null) {
                    out.add(p);
                    report.imported(path, "", "an input validator (" + p.languageId() + "), to run over every input");
                }
            }
        }
        return out;
    }
}
