package dev.judge.demo.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.FileIo;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.TestGroup;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/**
 * Problems in the {@code problems} table, checker sources in {@code checker_sources}, scoring groups in
 * {@code problem_groups}, support files and interactor sources in {@code problem_files}.
 */
@Repository
public class ProblemRepository {
    private static final String COLUMNS = "title, statement, cpu_time_ms, wall_time_ms, memory_bytes, processes,"
            + " output_size_bytes, file_size_bytes, stack_bytes, open_files, network, comparator_type,"
            + " absolute_tolerance, relative_tolerance, checker_language, comparator_flags, checker_protocol,"
            + " stop_on_first_failure, input_file, output_file, interactor_language, interactor_protocol,"
            + " interactor_passes";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ProblemRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    public long create(String title, String statement, Limits limits, ComparatorSpec comparator, ProblemKind kind) {
        OffsetDateTime now = utc(Instant.now());
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into problems (" + COLUMNS + ", created_at, updated_at)"
                        + " values (:title, :statement, :cpu, :wall, :memory, :processes, :output, :file, :stack,"
                        + " :openFiles, :network, :type, :abs, :rel, :lang, :flags, :protocol, :stop, :inputFile,"
                        + " :outputFile, :interactorLanguage, :interactorProtocol, :passes, :now, :now)")
                .params(values(title, statement, limits, comparator, kind))
                .param("now", now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        writeCheckerSources(id, comparator);
        writeKind(id, kind);
        return id;
    }

    /** Replaces everything but the tests; false when there is no such problem. */
    public boolean update(long id, String title, String statement, Limits limits, ComparatorSpec comparator,
            ProblemKind kind) {
        int n = jdbc.sql("update problems set title = :title, statement = :statement, cpu_time_ms = :cpu,"
                        + " wall_time_ms = :wall, memory_bytes = :memory, processes = :processes,"
                        + " output_size_bytes = :output, file_size_bytes = :file, stack_bytes = :stack,"
                        + " open_files = :openFiles, network = :network, comparator_type = :type,"
                        + " absolute_tolerance = :abs, relative_tolerance = :rel, checker_language = :lang,"
                        + " comparator_flags = :flags, checker_protocol = :protocol, stop_on_first_failure = :stop,"
                        + " input_file = :inputFile, output_file = :outputFile,"
                        + " interactor_language = :interactorLanguage, interactor_protocol = :interactorProtocol,"
                        + " interactor_passes = :passes,"
                        + " updated_at = :now where id = :id")
                .params(values(title, statement, limits, comparator, kind))
                .param("now", utc(Instant.now()))
                .param("id", id)
                .update();
        if (n == 0) {
            return false;
        }
        jdbc.sql("delete from checker_sources where problem_id = ?").param(id).update();
        writeCheckerSources(id, comparator);
        jdbc.sql("delete from problem_groups where problem_id = ?").param(id).update();
        jdbc.sql("delete from problem_files where problem_id = ?").param(id).update();
        writeKind(id, kind);
        return true;
    }

    public void touch(long id) {
        jdbc.sql("update problems set updated_at = ? where id = ?").params(utc(Instant.now()), id).update();
    }

    /** What a problem setter says of the problem: difficulty and author, either null. */
    public record About(String difficulty, String author) {
    }

    /** Sets the problem's difficulty (EASY, MEDIUM, HARD) and author; null clears either. */
    public void describe(long id, String difficulty, String author) {
        jdbc.sql("update problems set difficulty = ?, author = ? where id = ?").params(difficulty, author, id).update();
    }

    public About about(long id) {
        return jdbc.sql("select difficulty, author from problems where id = ?").param(id)
                .query((rs, row) -> new About(rs.getString("difficulty"), rs.getString("author"))).optional()
                .orElse(new About(null, null));
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from problems where id = ?").param(id).update() == 1;
    }

    public boolean exists(long id) {
        return jdbc.sql("select count(*) from problems where id = ?").param(id).query(Long.class).single() > 0;
    }

    public Optional<Problem> find(long id) {
        return jdbc.sql("select * from problems where id = ?").param(id).query(this::map).optional()
                .map(this::complete);
    }

    /** One page of problems in id order, without their kind (a listing does not show it). */
    public List<ProblemSummary> page(int page, int size) {
        return jdbc.sql("select * from problems order by id limit ? offset ?")
                .params(size, (long) page * size).query(this::map).list().stream()
                .map(row -> {
                    Problem p = row.problem();
                    return new ProblemSummary(p.id(), p.title(), LimitsDto.of(p.limits()),
                            ComparatorDto.typeOf(p.comparator()), p.updatedAt());
                })
                .toList();
    }

    public long count() {
        return jdbc.sql("select count(*) from problems").query(Long.class).single();
    }

    private static Map<String, Object> values(String title, String statement, Limits l, ComparatorSpec c,
            ProblemKind kind) {
        Map<String, Object> v = new LinkedHashMap<>();
        v.put("title", title);
        v.put("statement", statement);
        v.put("cpu", l.cpuTime().toMillis());
        v.put("wall", l.wallTime().toMillis());
        v.put("memory", l.memory().bytes());
        v.put("processes", l.processes());
        v.put("output", l.outputSize().bytes());
        v.put("file", l.fileSize().bytes());
        v.put("stack", l.stack().bytes());
        v.put("openFiles", l.openFiles());
        v.put("network", l.network());
        v.put("type", ComparatorDto.typeOf(c));
        v.put("abs", c instanceof ComparatorSpec.Floats f ? f.absoluteTolerance() : null);
        v.put("rel", c instanceof ComparatorSpec.Floats f ? f.relativeTolerance() : null);
        v.put("lang", c instanceof ComparatorSpec.Checker k ? k.languageId() : null);
        v.put("flags", c instanceof ComparatorSpec.Kattis k ? k.flags()
                : c instanceof ComparatorSpec.Checker k ? k.arguments() : null);
        v.put("protocol", c instanceof ComparatorSpec.Checker k ? k.protocol().name() : null);
        v.put("stop", kind.stopOnFirstFailure());
        v.put("inputFile", kind.io().inputFile());
        v.put("outputFile", kind.io().outputFile());
        Interactor i = kind.interactor();
        v.put("interactorLanguage", i == null ? null : i.languageId());
        v.put("interactorProtocol", i == null ? null : i.protocol().name());
        v.put("passes", i == null ? null : i.passes());
        return v;
    }

    private void writeKind(long problemId, ProblemKind kind) {
        List<TestGroup> groups = kind.groups();
        for (int i = 0; i < groups.size(); i++) {
            TestGroup g = groups.get(i);
            jdbc.sql("insert into problem_groups (problem_id, position, name, points, scoring, depends_on,"
                            + " stop_on_first_failure) values (?, ?, ?, ?, ?, ?, ?)")
                    .params(problemId, i, g.name(), g.points(), g.scoring().name(), write(g.dependsOn()),
                            g.stopOnFirstFailure())
                    .update();
        }
        kind.supportFiles().forEach((language, files) -> writeFiles(problemId, "support", language, files));
        if (kind.interactor() != null) {
            writeFiles(problemId, "interactor", kind.interactor().languageId(), kind.interactor().sources());
        }
    }

    private void writeFiles(long problemId, String role, String languageId, List<SourceFile> files) {
        for (int i = 0; i < files.size(); i++) {
            jdbc.sql("insert into problem_files (problem_id, role, language_id, position, name, content)"
                            + " values (?, ?, ?, ?, ?, ?)")
                    .params(problemId, role, languageId, i, files.get(i).name(), files.get(i).content()).update();
        }
    }

    /** A problem's row with the columns of its kind, read before the kind's own tables are. */
    private record Row(Problem problem, boolean stopOnFirstFailure, FileIo io, String interactorLanguage,
            String interactorProtocol, int interactorPasses) {
    }

    /** The problem of {@code row} with its kind, whose groups and files are read once the row's query is done. */
    private Problem complete(Row row) {
        Problem p = row.problem();
        long problemId = p.id();
        List<TestGroup> groups = jdbc.sql("select * from problem_groups where problem_id = ? order by position")
                .param(problemId)
                .query((g, n) -> new TestGroup(g.getString("name"), g.getDouble("points"),
                        TestGroup.Scoring.valueOf(g.getString("scoring")), read(g.getString("depends_on")),
                        g.getBoolean("stop_on_first_failure")))
                .list();
        Map<String, List<SourceFile>> support = new LinkedHashMap<>();
        List<SourceFile> interactorSources = new ArrayList<>();
        jdbc.sql("select role, language_id, name, content from problem_files where problem_id = ?"
                        + " order by role, language_id, position")
                .param(problemId)
                .query(f -> {
                    SourceFile file = new SourceFile(f.getString("name"), f.getString("content"));
                    if (f.getString("role").equals("interactor")) {
                        interactorSources.add(file);
                    } else {
                        support.computeIfAbsent(f.getString("language_id"), k -> new ArrayList<>()).add(file);
                    }
                });
        Interactor interactor = row.interactorLanguage() == null ? null : new Interactor(row.interactorLanguage(),
                interactorSources, Interactor.Protocol.valueOf(row.interactorProtocol()), row.interactorPasses());
        ProblemKind kind = new ProblemKind(groups, row.stopOnFirstFailure(), row.io(), support, interactor);
        return new Problem(p.id(), p.title(), p.statement(), p.limits(), p.comparator(), kind, p.createdAt(),
                p.updatedAt());
    }

    private String write(List<String> names) {
        try {
            return json.writeValueAsString(names);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write group names as JSON", e);
        }
    }

    private List<String> read(String names) {
        try {
            return json.readValue(names, NAMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored group dependencies are unreadable", e);
        }
    }

    private void writeCheckerSources(long problemId, ComparatorSpec comparator) {
        if (comparator instanceof ComparatorSpec.Checker checker) {
            List<SourceFile> sources = checker.sources();
            for (int i = 0; i < sources.size(); i++) {
                jdbc.sql("insert into checker_sources (problem_id, position, name, content) values (?, ?, ?, ?)")
                        .params(problemId, i, sources.get(i).name(), sources.get(i).content()).update();
            }
        }
    }

    private Row map(ResultSet rs, int row) throws SQLException {
        long id = rs.getLong("id");
        Limits limits = new Limits(Duration.ofMillis(rs.getLong("cpu_time_ms")),
                Duration.ofMillis(rs.getLong("wall_time_ms")), ByteSize.ofBytes(rs.getLong("memory_bytes")),
                rs.getInt("processes"), ByteSize.ofBytes(rs.getLong("output_size_bytes")),
                ByteSize.ofBytes(rs.getLong("file_size_bytes")), ByteSize.ofBytes(rs.getLong("stack_bytes")),
                rs.getInt("open_files"), rs.getBoolean("network"));
        ComparatorSpec comparator = switch (rs.getString("comparator_type")) {
            case "exact" -> ComparatorSpec.exact();
            case "tokens" -> ComparatorSpec.tokens();
            case "floats" -> ComparatorSpec.floats(rs.getDouble("absolute_tolerance"), rs.getDouble("relative_tolerance"));
            case "unorderedLines" -> ComparatorSpec.unorderedLines();
            case "caseInsensitive" -> ComparatorSpec.caseInsensitive();
            case "kattis" -> ComparatorSpec.kattis(rs.getString("comparator_flags"));
            case "checker" -> new ComparatorSpec.Checker(rs.getString("checker_language"), checkerSources(id),
                    ComparatorSpec.Checker.Protocol.valueOf(rs.getString("checker_protocol")),
                    rs.getString("comparator_flags"));
            case "lines" -> ComparatorSpec.lines();
            default -> throw new IllegalStateException("problem " + id + " has an unknown comparator type");
        };
        Problem problem = new Problem(id, rs.getString("title"), rs.getString("statement"), limits, comparator,
                ProblemKind.plain(), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
        return new Row(problem, rs.getBoolean("stop_on_first_failure"),
                FileIo.files(rs.getString("input_file"), rs.getString("output_file")),
                rs.getString("interactor_language"), rs.getString("interactor_protocol"), rs.getInt("interactor_passes"));
    }

    private List<SourceFile> checkerSources(long problemId) {
        return jdbc.sql("select name, content from checker_sources where problem_id = ? order by position")
                .param(problemId)
                .query((rs, row) -> new SourceFile(rs.getString("name"), rs.getString("content"))).list();
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
