package dev.judge.demo.problem;

import dev.judge.core.model.ByteSize;
import dev.judge.core.model.ComparatorSpec;
import dev.judge.core.model.Limits;
import dev.judge.core.model.SourceFile;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Problems in the {@code problems} table, checker sources in {@code checker_sources}. */
@Repository
public class ProblemRepository {
    private static final String COLUMNS = "title, statement, cpu_time_ms, wall_time_ms, memory_bytes, processes,"
            + " output_size_bytes, file_size_bytes, stack_bytes, open_files, network, comparator_type,"
            + " absolute_tolerance, relative_tolerance, checker_language, comparator_flags, checker_protocol";
    private final JdbcClient jdbc;

    public ProblemRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public long create(String title, String statement, Limits limits, ComparatorSpec comparator) {
        OffsetDateTime now = utc(Instant.now());
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into problems (" + COLUMNS + ", created_at, updated_at)"
                        + " values (:title, :statement, :cpu, :wall, :memory, :processes, :output, :file, :stack,"
                        + " :openFiles, :network, :type, :abs, :rel, :lang, :flags, :protocol, :now, :now)")
                .params(values(title, statement, limits, comparator))
                .param("now", now)
                .update(keys, "id");
        long id = keys.getKey().longValue();
        writeCheckerSources(id, comparator);
        return id;
    }

    /** Replaces title, statement, limits and comparator; false when there is no such problem. */
    public boolean update(long id, String title, String statement, Limits limits, ComparatorSpec comparator) {
        int n = jdbc.sql("update problems set title = :title, statement = :statement, cpu_time_ms = :cpu,"
                        + " wall_time_ms = :wall, memory_bytes = :memory, processes = :processes,"
                        + " output_size_bytes = :output, file_size_bytes = :file, stack_bytes = :stack,"
                        + " open_files = :openFiles, network = :network, comparator_type = :type,"
                        + " absolute_tolerance = :abs, relative_tolerance = :rel, checker_language = :lang,"
                        + " comparator_flags = :flags, checker_protocol = :protocol,"
                        + " updated_at = :now where id = :id")
                .params(values(title, statement, limits, comparator))
                .param("now", utc(Instant.now()))
                .param("id", id)
                .update();
        if (n == 0) {
            return false;
        }
        jdbc.sql("delete from checker_sources where problem_id = ?").param(id).update();
        writeCheckerSources(id, comparator);
        return true;
    }

    public void touch(long id) {
        jdbc.sql("update problems set updated_at = ? where id = ?").params(utc(Instant.now()), id).update();
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from problems where id = ?").param(id).update() == 1;
    }

    public boolean exists(long id) {
        return jdbc.sql("select count(*) from problems where id = ?").param(id).query(Long.class).single() > 0;
    }

    public Optional<Problem> find(long id) {
        return jdbc.sql("select * from problems where id = ?").param(id).query(this::map).optional();
    }

    public List<Problem> page(int page, int size) {
        return jdbc.sql("select * from problems order by id limit ? offset ?")
                .params(size, (long) page * size).query(this::map).list();
    }

    public long count() {
        return jdbc.sql("select count(*) from problems").query(Long.class).single();
    }

    private static Map<String, Object> values(String title, String statement, Limits l, ComparatorSpec c) {
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
        return v;
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

    private Problem map(ResultSet rs, int row) throws SQLException {
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
        return new Problem(id, rs.getString("title"), rs.getString("statement"), limits, comparator,
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                rs.getObject("updated_at", OffsetDateTime.class).toInstant());
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
