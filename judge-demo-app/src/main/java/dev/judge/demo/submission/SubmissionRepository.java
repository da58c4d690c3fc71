package dev.judge.demo.submission;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.accept.Acceptor;
import dev.judge.demo.accept.RowInsert;
import dev.judge.demo.problem.SourceDto;
import dev.judge.demo.results.Ledger;
import dev.judge.demo.results.ResultDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The native API's rows of the ledger ({@code submissions} with {@code api = 'NATIVE'}): inserted at accept time,
 * read by the API; the judge's results reach them through the {@link dev.judge.demo.results.Ledger}.
 */
@Repository
public class SubmissionRepository {
    private static final String FROM = " from submissions s join users u on u.id = s.user_id where s.api = 'NATIVE'";
    private static final String SELECT = "select s.*, u.username" + FROM;
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };
    private static final TypeReference<List<SourceDto>> FILES = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public SubmissionRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * The insert of a new submission's row, for the {@link Acceptor}: {@code source} for one file, else
     * {@code sources} (the other null).
     */
    public RowInsert insertion(String id, String traceId, long userId, long problemId, String languageId, String source,
            List<SourceDto> sources, List<String> hiddenTests, int testCount, String callbackUrl, Instant createdAt) {
        return RowInsert.of("insert into submissions (id, api, user_id, problem_id, language_id, source, source_files,"
                        + " hidden_tests, test_count, callback_url, status, created_at, trace_id)"
                        + " values (?, 'NATIVE', ?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)",
                id, userId, problemId, languageId, source, sources == null ? null : write(sources),
                write(hiddenTests), testCount, callbackUrl, Ledger.utc(createdAt), traceId);
    }

    /** Ids of the finished submissions of {@code problemId}, oldest first, at most {@code limit}. */
    public List<String> finishedOf(long problemId, int limit) {
        return jdbc.sql("select s.id" + FROM + " and s.problem_id = ? and s.finished_at is not null"
                        + " order by s.created_at, s.id limit ?")
                .params(problemId, limit).query(String.class).list();
    }

    public Optional<SubmissionRow> find(String id) {
        return jdbc.sql(SELECT + " and s.id = ?").param(id).query(this::map).optional();
    }

    public List<SubmissionRow> page(SubmissionFilter filter, int page, int size) {
        Map<String, Object> params = new LinkedHashMap<>();
        String terms = terms(filter, params);
        params.put("limit", size);
        params.put("offset", (long) page * size);
        return jdbc.sql(SELECT + terms + " order by s.created_at desc, s.id limit :limit offset :offset")
                .params(params).query(this::map).list();
    }

    public long count(SubmissionFilter filter) {
        Map<String, Object> params = new LinkedHashMap<>();
        String terms = terms(filter, params);
        return jdbc.sql("select count(*)" + FROM + terms)
                .params(params).query(Long.class).single();
    }

    /** The filter's terms, each after an {@code and}. */
    private static String terms(SubmissionFilter f, Map<String, Object> params) {
        List<String> terms = new ArrayList<>();
        if (f.userId() != null) {
            terms.add("s.user_id = :userId");
            params.put("userId", f.userId());
        }
        if (f.problemId() != null) {
            terms.add("s.problem_id = :problemId");
            params.put("problemId", f.problemId());
        }
        if (f.languageId() != null) {
            terms.add("s.language_id = :languageId");
            params.put("languageId", f.languageId());
        }
        if (f.verdict() != null) {
            terms.add("s.verdict = :verdict");
            params.put("verdict", f.verdict());
        }
        if (f.username() != null) {
            terms.add("u.username = :username");
            params.put("username", f.username());
        }
        return terms.isEmpty() ? "" : " and " + String.join(" and ", terms);
    }

    private SubmissionRow map(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result_json");
        String files = rs.getString("source_files");
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        return new SubmissionRow(rs.getString("id"), rs.getLong("user_id"), rs.getString("username"),
                rs.getLong("problem_id"), rs.getString("language_id"), rs.getString("source"),
                files == null ? null : read(files, FILES), read(rs.getString("hidden_tests"), NAMES), rs.getInt("test_count"), rs.getString("callback_url"),
                rs.getString("status"), result == null ? null : read(result, ResultDocument.class),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                finished == null ? null : finished.toInstant(), rs.getString("trace_id"));
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    private <T> T read(String text, Class<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable as " + type.getSimpleName(), e);
        }
    }

    private <T> T read(String text, TypeReference<T> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON is unreadable", e);
        }
    }
}
