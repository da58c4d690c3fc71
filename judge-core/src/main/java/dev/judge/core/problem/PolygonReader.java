package dev.judge.core.problem;

import static dev.judge.core.problem.PolygonXml.XML;
import static dev.judge.core.problem.PolygonXml.child;
import static dev.judge.core.problem.PolygonXml.children;
import static dev.judge.core.problem.PolygonXml.required;
import static dev.judge.core.problem.PolygonXml.text;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IllegalFormatException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.w3c.dom.Element;

/**
 * Reads a Polygon package ({@code problem.xml}): the {@code tests} testset with its groups and points, limits,
 * file I/O, the testlib checker, interactor and validators from {@code files/}, graders, solutions, statement.
 */
final class PolygonReader {
    private static final Map<String, Set<String>> BY_TAG = Map.of(
            "main", Set.of("AC"), "accepted", Set.of("AC"), "wrong-answer", Set.of("WA"),
            "presentation-error", Set.of("PE"), "time-limit-exceeded", Set.of("TLE"),
            "time-limit-exceeded-or-accepted", Set.of("TLE", "AC"), "memory-limit-exceeded", Set.of("MLE"),
            "time-limit-exceeded-or-memory-limit-exceeded", Set.of("TLE", "MLE"), "failed", Set.of("RE"),
            "rejected", Set.of("WA", "PE", "TLE", "MLE", "OLE", "RE"));

    private final PackageFiles files;
    private final Reporter report;
    private final List<SourceFile> headers = new ArrayList<>();
    private final Map<String, List<SourceFile>> graders = new LinkedHashMap<>();

    PolygonReader(PackageFiles files, Reporter report) {
        this.files = files;
        this.report = report;
    }

    ProblemDefinition read() {
        Element problem = PolygonXml.parse(files.bytes(XML));
        String name = problem.getAttribute("short-name");
        Element names = child(problem, "names");
        if (names != null) {
            Element pick = pickLanguage(children(names, "name"));
            if (pick != null) {
                name = pick.getAttribute("value");
            }
        }
        report.imported(XML, "names", name);
        readResources(child(problem, "files"));
        Element judging = required(problem, "judging");
        FileIo io = FileIo.files(stdOrNull(judging.getAttribute("input-file"), "stdin"),
                stdOrNull(judging.getAttribute("output-file"), "stdout"));
        if (!io.isStandard()) {
            report.imported(XML, "judging@input-file", "file I/O " + io);
        }
        String runCount = judging.getAttribute("run-count");
        if (!runCount.isEmpty() && !runCount.equals("1")) {
            report.unsupported(XML, "judging@run-count", "several runs of a test are not supported; run once");
        }
        Element testset = null;
        for (Element ts : children(judging, "testset")) {
            if (ts.getAttribute("name").equals("tests")) {
                testset = ts;
            } else {
                report.ignored(XML, "testset " + ts.getAttribute("name"), "only the 'tests' testset is judged");
            }
        }
        if (testset == null) {
            throw new PackageRejectedException(XML, "no <testset name=\"tests\"> in <judging>");
        }
        Duration timeLimit = Duration.ofMillis(number(text(testset, "time-limit"), "time-limit"));
        long memBytes = number(text(testset, "memory-limit"), "memory-limit");
        ByteSize memory = ByteSize.ofBytes(memBytes);
        report.imported(XML, "time-limit", timeLimit.toMillis() + " ms");
        report.imported(XML, "memory-limit", memory.toString());
        PolygonTests tests = readTests(testset);
        OutputCheck check = readChecker(child(problem, "assets"));
        InteractorProgram interactor = readInteractor(child(problem, "assets"));
        List<Program> validators = readValidators(child(problem, "assets"));
        List<ExampleSubmission> solutions = readSolutions(child(problem, "assets"));
        Statement statement = readStatement(child(problem, "statements"));
        for (String ignored : List.of("tags", "properties", "stresses", "documents", "materials", "tutorials")) {
            if (child(problem, ignored) != null) {
                report.ignored(XML, ignored, "not used for judging");
            }
        }
        for (Element e : children(problem, null)) {
            if (!Set.of("names", "statements", "judging", "files", "assets", "tags", "properties", "stresses",
                    "documents", "materials", "tutorials").contains(e.getTagName())) {
                report.unsupported(XML, e.getTagName(), "unknown element; ignored");
            }
        }
        return new ProblemDefinition(name, statement, timeLimit, memory, null, TimeLimitPolicy.V2023_07, check,
                interactor, tests.scoring, tests.groups, tests.tests, io, !tests.scoring, graders, validators,
                Map.of(), solutions);
    }

    private record PolygonTests(List<TestCase> tests, List<TestGroup> groups, boolean scoring) {
    }

    private PolygonTests readTests(Element testset) {
        String inPattern = text(testset, "input-path-pattern");
        String ansPattern = text(testset, "answer-path-pattern");
        Element testsEl = required(testset, "tests");
        List<Element> list = children(testsEl, "test");
        String count = text(testset, "test-count");
        if (!count.isEmpty() && Integer.parseInt(count.strip()) != list.size()) {
            throw new PackageRejectedException(XML, "<test-count> says " + count + " but <tests> lists " + list.size());
        }
        boolean scoring = list.stream().anyMatch(t -> !t.getAttribute("points").isEmpty());
        Element groupsEl = child(testset, "groups");
        List<Element> groupEls = groupsEl == null ? List.of() : children(groupsEl, "group");
        scoring |= groupEls.stream().anyMatch(g -> !g.getAttribute("points").isEmpty());
        List<TestCase> tests = new ArrayList<>();
        Map<String, Double> pointsByGroup = new LinkedHashMap<>();
        for (int i = 0; i < list.size(); i++) {
            Element t = list.get(i);
            String input = format(inPattern, i + 1);
            String answer = format(ansPattern, i + 1);
            if (!files.has(input)) {
                throw new PackageRejectedException(input, "is missing" + (t.getAttribute("method").equals("generated")
                        ? " (test " + (i + 1) + " is generated by '" + t.getAttribute("cmd") + "'; generators are not"
                                + " run: export the full package from Polygon)" : ""));
            }
            if (!files.has(answer)) {
                throw new PackageRejectedException(answer, "is missing: answers are made by the main solution in"
                        + " Polygon; export the full package, which holds them");
            }
            double points = t.getAttribute("points").isEmpty() ? 0 : Double.parseDouble(t.getAttribute("points"));
            String group = t.getAttribute("group").isEmpty() || !scoring ? null : t.getAttribute("group");
            if (group != null) {
                pointsByGroup.merge(group, points, Double::sum);
            }
            tests.add(new TestCase(String.valueOf(i + 1), files.bytes(input), files.bytes(answer),
                    scoring ? points : 1.0, group, !t.getAttribute("sample").equals("true")));
        }
        report.imported(XML, "tests", tests.size() + " tests from " + inPattern);
        List<TestGroup> groups = new ArrayList<>();
        if (scoring) {
            Map<String, Element> declared = new LinkedHashMap<>();
            groupEls.forEach(g -> declared.put(g.getAttribute("name"), g));
            for (String g : pointsByGroup.keySet()) {
                declared.putIfAbsent(g, null);
            }
            for (Map.Entry<String, Element> e : declared.entrySet()) {
                Element g = e.getValue();
                boolean each = g != null && g.getAttribute("points-policy").equals("each-test");
                double sum = pointsByGroup.getOrDefault(e.getKey(), 0.0);
                double points = each || g == null || g.getAttribute("points").isEmpty() ? sum
                        : Double.parseDouble(g.getAttribute("points"));
                List<String> deps = new ArrayList<>();
                if (g != null && child(g, "dependencies") != null) {
                    children(child(g, "dependencies"), "dependency").forEach(d -> deps.add(d.getAttribute("group")));
                }
                if (g != null && !g.getAttribute("feedback-policy").isEmpty()) {
                    report.ignored(XML, "group " + e.getKey() + "@feedback-policy", "what a contestant is shown is"
                            + " the host's");
                }
                groups.add(new TestGroup(e.getKey(), points, each ? TestGroup.Scoring.SUM : TestGroup.Scoring.MIN,
                        deps, !each));
            }
            if (!groups.isEmpty()) {
                report.imported(XML, "groups", groups.size() + " groups");
            }
        }
        return new PolygonTests(tests, groups, scoring);
    }

    private OutputCheck readChecker(Element assets) {
        Element checker = assets == null ? null : child(assets, "checker");
        if (checker == null) {
            throw new PackageRejectedException(XML, "no <checker> in <assets>");
        }
        if (!checker.getAttribute("type").isEmpty() && !checker.getAttribute("type").equals("testlib")) {
            throw new PackageRejectedException(XML, "checker type '" + checker.getAttribute("type")
                    + "' is not supported (testlib only)");
        }
        Program p = program(checker, "checker");
        if (p == null) {
            throw new PackageRejectedException(XML, "the checker's source cannot be built");
        }
        report.imported(p.name(), "", "the checker (testlib" + (checker.getAttribute("name").isEmpty() ? ""
                : ", " + checker.getAttribute("name")) + ")");
        return new OutputCheck.CheckerProgram(p, OutputCheck.Protocol.TESTLIB, "");
    }

    private InteractorProgram readInteractor(Element assets) {
        Element el = assets == null ? null : child(assets, "interactor");
        if (el == null) {
            return null;
        }
        Program p = program(el, "interactor");
        if (p == null) {
            throw new PackageRejectedException(XML, "the interactor's source cannot be built");
        }
        report.imported(p.name(), "", "the interactor (testlib)");
        return new InteractorProgram(p, Interactor.Protocol.TESTLIB, 1, "");
    }

    private List<Program> readValidators(Element assets) {
        List<Program> out = new ArrayList<>();
        if (assets == null) {
            return out;
        }
        List<Element> els = new ArrayList<>(children(assets, "validator"));
        Element vs = child(assets, "validators");
        if (vs != null) {
            els.addAll(children(vs, "validator"));
        }
        for (Element v : els) {
            Program p = program(v, "validator");
            if (p != null) {
                out.add(p);
                report.imported(p.name(), "", "an input validator (testlib), to run over every input");
            }
        }
        return out;
    }

    private List<ExampleSubmission> readSolutions(Element assets) {
        List<ExampleSubmission> out = new ArrayList<>();
        Element sols = assets == null ? null : child(assets, "solutions");
        if (sols == null) {
            return out;
        }
        for (Element s : children(sols, "solution")) {
            String tag = s.getAttribute("tag");
            Program p = program(s, "solution");
            if (p == null) {
                continue;
            }
            Set<String> expected = BY_TAG.get(tag);
            if (expected == null) {
                report.unsupported(p.name(), "tag", "unknown solution tag '" + tag + "'; left out");
                continue;
            }
            out.add(new ExampleSubmission(p.name(), p, tag, expected, tag.equals("main") || tag.equals("accepted")
                    ? ExampleSubmission.TimeLimitUse.LOWER_BOUND : tag.equals("time-limit-exceeded")
                            ? ExampleSubmission.TimeLimitUse.UPPER_BOUND : ExampleSubmission.TimeLimitUse.NONE));
            report.imported(p.name(), "", "example submission (" + tag + "), expected " + expected);
        }
        return out;
    }

    /** The program of an asset element's {@code <source path type>}, with the package's headers for C and C++. */
    private Program program(Element asset, String role) {
        Element source = child(asset, "source");
        if (source == null) {
            report.unsupported(XML, role, "has no <source>; binaries are never run");
            return null;
        }
        String path = source.getAttribute("path");
        if (!files.has(path)) {
            throw new PackageRejectedException(path, "is missing (the " + role + "'s source)");
        }
        String lang = Programs.polygonLanguage(source.getAttribute("type"));
        if (lang == null) {
            lang = Programs.languageOf(path);
        }
        if (lang == null) {
            report.unsupported(path, "", "source type '" + source.getAttribute("type") + "' has no language here");
            files.markUsed(path);
            return null;
        }
        List<SourceFile> sources = new ArrayList<>();
        sources.add(SourceFile.main(files.text(path)));
        if (lang.equals("cpp") || lang.equals("c")) {
            sources.addAll(headers);
        }
        for (Element b : children(asset, "binary")) {
            files.markUsed(b.getAttribute("path"));
        }
        for (Element c : children(asset, "copy")) {
            files.markUsed(c.getAttribute("path"));
        }
        return new Program(path, lang, sources);
    }

    private void readResources(Element filesEl) {
        if (filesEl == null) {
            return;
        }
        Element resources = child(filesEl, "resources");
        for (Element f : resources == null ? List.<Element>of() : children(resources, "file")) {
            String path = f.getAttribute("path");
            if (!files.has(path)) {
                continue;
            }
            String base = path.substring(path.lastIndexOf('/') + 1);
            Element assets = child(f, "assets");
            if (assets != null && !children(assets, "asset").isEmpty()) {
                String lang = Programs.polygonLanguage(f.getAttribute("for-types").replace("*", "x"));
                if (lang == null) {
                    lang = Programs.languageOf(path);
                }
                if (lang == null) {
                    report.unsupported(path, "for-types", "a grader for a language the judge lacks");
                    files.markUsed(path);
                    continue;
                }
                graders.computeIfAbsent(lang, l -> new ArrayList<>()).add(new SourceFile(base, files.text(path)));
                report.imported(path, "", "a grader added to every " + lang + " submission");
            } else if (Set.of("h", "hpp").contains(Programs.extension(path))) {
                headers.add(new SourceFile(base, files.text(path)));
                report.imported(path, "", "a header for the package's C/C++ programs");
            } else {
                files.markUsed(path);
                report.ignored(path, "", "a resource for statements or tools, not for judging");
            }
        }
        Element executables = child(filesEl, "executables");
        for (Element e : executables == null ? List.<Element>of() : children(executables, "executable")) {
            Element src = child(e, "source");
            String path = src == null ? "executable" : src.getAttribute("path");
            files.markUsed(path);
            for (Element b : children(e, "binary")) {
                files.markUsed(b.getAttribute("path"));
            }
            report.unsupported(path, "", "generators and other executables are not run; tests come from the package");
        }
    }

    private Statement readStatement(Element statements) {
        if (statements == null) {
            return null;
        }
        List<Element> usable = new ArrayList<>();
        for (Element s : children(statements, "statement")) {
            String type = s.getAttribute("type");
            if ((type.equals("application/x-tex") || type.equals("text/html")) && files.has(s.getAttribute("path"))) {
                usable.add(s);
            } else {
                files.markUsed(s.getAttribute("path"));
                report.ignored(s.getAttribute("path"), "", "statement of type " + type + " is not kept");
            }
        }
        usable.sort((a, b) -> Boolean.compare(!a.getAttribute("type").equals("application/x-tex"),
                !b.getAttribute("type").equals("application/x-tex")));
        Element pick = pickLanguage(usable);
        if (pick == null) {
            return null;
        }
        String path = pick.getAttribute("path");
        Statement s = new Statement(pick.getAttribute("language"), pick.getAttribute("type").equals("text/html")
                ? Statement.Format.HTML : Statement.Format.LATEX, files.text(path), path);
        report.imported(path, "", "the statement (" + s.format() + ")");
        return s;
    }

    private static Element pickLanguage(List<Element> els) {
        return els.stream().filter(e -> e.getAttribute("language").equals("english")).findFirst()
                .orElse(els.isEmpty() ? null : els.get(0));
    }

    private static String stdOrNull(String name, String std) {
        return name.isEmpty() || name.equals(std) ? null : name;
    }

    private static String format(String pattern, int index) {
        try {
            return String.format(Locale.ROOT, pattern, index);
        } catch (IllegalFormatException e) {
            throw new PackageRejectedException(XML, "path pattern '" + pattern + "' is not a printf pattern");
        }
    }

    private static long number(String text, String element) {
        try {
            long v = Long.parseLong(text.strip());
            if (v <= 0) {
                throw new NumberFormatException();
            }
            return v;
        } catch (NumberFormatException e) {
            throw new PackageRejectedException(XML, "<" + element + "> must be a whole number > 0, was '" + text + "'");
        }
    }
}
