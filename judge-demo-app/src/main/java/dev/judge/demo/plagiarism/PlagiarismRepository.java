package dev.judge.demo.plagiarism;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.results.Ledger;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Plagiarism reports, and the submissions a report compares (standard SQL). */
@Repository
public class PlagiarismRepository {
    private static final TypeReference<List<SimilarPair>> PAIRS = new TypeReference<>() {
    };
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public PlagiarismRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    long create(String scope, List<Long> problemIds) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into plagiarism_reports (scope, problem_ids, status, created_at) values (?, ?, 'RUNNING', ?)")
                .params(scope, problemIds.stream().map(String::valueOf).collect(Collectors.joining(",")),
                        Ledger.utc(Instant.now()))
                .update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Reports left RUNNING (by a node that stopped): id and the problems they compare. */
    List<Running> running() {
        return jdbc.sql("select id, problem_ids from plagiarism_reports where status = 'RUNNING' order by id")
                .query((rs, row) -> new Running(rs.getLong("id"), problems(rs.getString("problem_ids")))).list();
    }

    void done(long id, int documents, List<SimilarPair> pairs) {
        jdbc.sql("update plagiarism_reports set status = 'DONE', documents = ?, pairs_json = ?, finished_at = ?"
                        + " where id = ? and status = 'RUNNING'")
                .params(documents, write(pairs), Ledger.utc(Instant.now()), id).update();
    }

    void failed(long id, String message) {
        jdbc.sql("update plagiarism_reports set status = 'FAILED', message = ?, finished_at = ?"
                        + " where id = ? and status = 'RUNNING'")
                .params(message.length() > 500 ? message.substring(0, 500) : message, Ledger.utc(Instant.now()), id)
                .update();
    }

    Optional<PlagiarismReport> find(long id) {
        return jdbc.sql("select * from plagiarism_reports where id = ?").param(id).query((rs, row) -> {
            OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
            String pairs = rs.getString("pairs_json");
            return new PlagiarismReport(rs.getLong("id"), rs.getString("scope"), rs.getString("status"),
                    (Integer) rs.getObject("documents", Integer.class), pairs == null ? List.of() : read(pairs),
                    rs.getString("message"), rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    finished == null ? null : finished.toInstant());
        }).optional();
    }

    /**
     * The submissions compared for {@code problemIds}: per account and problem the latest accepted submission, or
     * the latest judged one when none was accepted (one-file sources only; several files are joined in order).
     */
    List<Document> documents(List<Long> problemIds) {
        if (problemIds.isEmpty()) {
            return List.of();
        }
        return jdbc.sql("select id, username, language_id, source, source_files from ("
                        + " select s.id, u.username, s.language_id, s.source, s.source_files, row_number() over ("
                        + " partition by s.user_id, s.problem_id order by case when s.verdict = 'AC' then 0 else 1 end,"
                        + " s.created_at desc, s.id desc) as rn"
                        + " from submissions s join users u on u.id = s.user_id"
                        + " where s.api = 'NATIVE' and s.finished_at is not null and s.problem_id in (:problems))"
                        + " latest"
                        + " where rn = 1 order by id")
                .param("problems", problemIds)
                .query((rs, row) -> Document.of(rs.getString("id"), rs.getString("username"),
                        rs.getString("language_id"), source(rs.getString("source"), rs.getString("source_files"))))
                .list();
    }

    private String source(String one, String files) {
        if (one != null) {
            return one;
        }
        try {
            return json.readTree(files).findValuesAsText("content").stream().collect(Collectors.joining("\n"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored source files are unreadable", e);
        }
    }

    private static List<Long> problems(String ids) {
        return Arrays.stream(ids.split(",")).filter(s -> !s.isBlank()).map(Long::valueOf).toList();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write the report", e);
        }
    }

    private List<SimilarPair> read(String text) {
        try {
            return json.readValue(text, PAIRS);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored report is unreadable", e);
        }
    }

    /** A report still running and what it compares. */
    record Running(long id, List<Long> problemIds) {
    }
}
