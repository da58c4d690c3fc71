package dev.judge.demo.problem;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.TestCase;
import dev.judge.core.model.TestGroup;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.web.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.regex.Pattern;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * Problems and their tests, with the rule that hidden test data reaches administrators only, and the caps
 * on the number of tests and their size.
 */
@Service
public class ProblemService {
    static final Pattern TEST_NAME = Pattern.compile("[A-Za-z0-9._+-]{1,128}");
    private final ProblemRepository problems;
    private final TestCaseRepository tests;
    private final DemoProperties.Caps caps;
    private final Judge judge;

    public ProblemService(ProblemRepository problems, TestCaseRepository tests, DemoProperties properties,
            Judge judge) {
        this.problems = problems;
        this.tests = tests;
        this.caps = properties.caps();
        this.judge = judge;
    }

    @Transactional
    public ProblemView create(ProblemRequest request) {
        long id = problems.create(request.title(), request.statement(), limits(request), comparator(request),
                kind(request));
        problems.describe(id, request.difficulty(), blankAsNull(request.author()));
        return view(id, true);
    }

    @Transactional
    public ProblemView replace(long id, ProblemRequest request) {
        ProblemKind kind = kind(request);
        requireProblem(id);
        checkTestGroups(kind.groups(), tests.summaries(id, true), "groups");
        if (!problems.update(id, request.title(), request.statement(), limits(request), comparator(request), kind)) {
            throw notFound(id);
        }
        problems.describe(id, request.difficulty(), blankAsNull(request.author()));
        return view(id, true);
    }

    @Transactional
    public void delete(long id) {
        if (!problems.delete(id)) {
            throw notFound(id);
        }
    }

    @Transactional(readOnly = true)
    public ProblemView view(long id, boolean admin) {
        Problem p = problems.find(id).orElseThrow(() -> notFound(id));
        TestCaseRepository.Totals totals = tests.totals(id, null);
        ProblemRepository.About about = problems.about(id);
        ProblemKind kind = p.kind();
        Map<String, List<SourceDto>> supportFiles = null;
        if (admin) {
            supportFiles = new LinkedHashMap<>();
            for (Map.Entry<String, List<dev.judge.core.model.SourceFile>> e : kind.supportFiles().entrySet()) {
                supportFiles.put(e.getKey(), SourceDto.of(e.getValue()));
            }
        }
        return new ProblemView(p.id(), p.title(), p.statement(), LimitsDto.of(p.limits()),
                ComparatorDto.of(p.comparator(), admin), kind.groups().stream().map(GroupDto::of).toList(),
                kind.stopOnFirstFailure(), IoDto.of(kind.io()), supportFiles,
                kind.interactor() == null ? null : InteractorDto.of(kind.interactor(), admin), totals.count(),
                totals.publicCount(), p.createdAt(), p.updatedAt(), about.difficulty(), about.author());
    }

    private static String blankAsNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }

    @Transactional(readOnly = true)
    public ProblemPage page(int page, int size) {
        List<ProblemSummary> items = problems.page(page, size);
        return new ProblemPage(items, page, size, problems.count());
    }

    @Transactional(readOnly = true)
    public List<TestSummary> tests(long problemId, AuthenticatedUser user) {
        requireProblem(problemId);
        return tests.summaries(problemId, user.isAdmin());
    }

    /** One test; a hidden one is "not found" for anyone but an administrator. */
    @Transactional(readOnly = true)
    public TestCase test(long problemId, String name, AuthenticatedUser user) {
        requireProblem(problemId);
        return tests.find(problemId, name).filter(t -> user.isAdmin() || !t.hidden())
                .orElseThrow(() -> ApiException.notFound("problem " + problemId + " has no test '" + name + "'"));
    }

    @Transactional
    public TestSummary putTest(long problemId, String name, TestCaseRequest request) {
        Problem problem = problems.find(problemId).orElseThrow(() -> notFound(problemId));
        if (!TEST_NAME.matcher(name).matches()) {
            throw ApiException.invalid("name", "must be 1 to 128 letters, digits or . _ + -");
        }
        if (request.group() != null && !problem.kind().groups().isEmpty()
                && problem.kind().groups().stream().noneMatch(g -> g.name().equals(request.group()))) {
            throw ApiException.invalid("group", "the problem has no group '" + request.group() + "'; its groups: "
                    + groupNames(problem.kind().groups()));
        }
        TestCase test = new TestCase(name, request.input().getBytes(StandardCharsets.UTF_8),
                request.expectedOutput() == null ? null : request.expectedOutput().getBytes(StandardCharsets.UTF_8),
                request.weight() == null ? 1.0 : request.weight(), request.group(),
                request.hidden() == null || request.hidden());
        long size = size(test);
        if (test.input().length > caps.maxTestFile().toBytes() || test.expectedOutput() != null
                && test.expectedOutput().length > caps.maxTestFile().toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "a test file is larger than the cap of "
                    + caps.maxTestFile().toBytes() + " bytes");
        }
        TestCaseRepository.Totals others = tests.totals(problemId, name);
        if (others.count() + 1 > caps.maxTests()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "a problem may have at most " + caps.maxTests()
                    + " tests");
        }
        if (others.bytes() + size > caps.maxTestData().toBytes()) {
            throw new ApiException(HttpStatus.PAYLOAD_TOO_LARGE, "the problem's test data would pass the cap of "
                    + caps.maxTestData().toBytes() + " bytes");
        }
        tests.put(problemId, test);
        problems.touch(problemId);
        return summary(test);
    }

    /** Replaces all tests of a problem (an archive upload); the archive reader has applied the caps. */
    @Transactional
    public List<TestSummary> replaceTests(long problemId, List<TestCase> replacement) {
        Problem problem = problems.find(problemId).orElseThrow(() -> notFound(problemId));
        checkTestGroups(problem.kind().groups(), replacement.stream().map(ProblemService::summary).toList(), "file");
        tests.replaceAll(problemId, replacement);
        problems.touch(problemId);
        return replacement.stream().map(ProblemService::summary).toList();
    }

    @Transactional
    public void deleteTest(long problemId, String name) {
        requireProblem(problemId);
        if (!tests.delete(problemId, name)) {
            throw ApiException.notFound("problem " + problemId + " has no test '" + name + "'");
        }
        problems.touch(problemId);
    }

    public void requireProblem(long id) {
        if (!problems.exists(id)) {
            throw notFound(id);
        }
    }

    private static Limits limits(ProblemRequest r) {
        return r.limits() == null ? Limits.defaults() : r.limits().toLimits();
    }

    private static ComparatorSpec comparator(ProblemRequest r) {
        return r.comparator() == null ? ComparatorSpec.lines() : r.comparator().toSpec();
    }

    private ProblemKind kind(ProblemRequest r) {
        Set<String> languages = judge.languages().stream().map(LanguageInfo::id).collect(Collectors.toSet());
        return new ProblemKinds(languages, caps.maxSourceSize().toBytes()).read(r);
    }

    /**
     * With scoring groups, every test's group must be one of them (the judge refuses any other): a problem's
     * groups and its tests' groups are kept in agreement whichever of them changes.
     */
    private static void checkTestGroups(List<TestGroup> groups, List<TestSummary> tests, String field) {
        if (groups.isEmpty()) {
            return;
        }
        Set<String> names = groups.stream().map(TestGroup::name).collect(Collectors.toSet());
        for (TestSummary t : tests) {
            if (t.group() != null && !names.contains(t.group())) {
                throw ApiException.invalid(field, "test '" + t.name() + "' is in group '" + t.group()
                        + "', which is not among the problem's groups " + groupNames(groups));
            }
        }
    }

    private static List<String> groupNames(List<TestGroup> groups) {
        return groups.stream().map(TestGroup::name).toList();
    }

    private static long size(TestCase t) {
        return t.input().length + (t.expectedOutput() == null ? 0L : t.expectedOutput().length);
    }

    private static TestSummary summary(TestCase t) {
        return new TestSummary(t.id(), t.weight(), t.group(), t.hidden(), t.input().length,
                t.expectedOutput() == null ? null : (long) t.expectedOutput().length);
    }

    private static ApiException notFound(long id) {
        return ApiException.notFound("there is no problem " + id);
    }
}
