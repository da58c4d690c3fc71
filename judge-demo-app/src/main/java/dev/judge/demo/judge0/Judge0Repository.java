package dev.judge.demo.judge0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.core.model.Status;
import dev.judge.demo.accept.RowInsert;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.StatusSteps;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** The {@code judge0_submissions} table. */
@Repository
class Judge0Repository {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Judge0Repository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The insert of a new submission's row, for the {@link dev.judge.demo.accept.Acceptor}. */
    RowInsert insertion(Judge0Row r) {
        return RowInsert.of("insert into judge0_submissions (token, language_id, judge_language, source, stdin,"
                        + " expected_output, limits_json, callback_url, status, created_at)"
                        + " values (?, ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?)",
                r.token(), r.languageId(), r.judgeLanguage(), r.source(), r.stdin(), r.expectedOutput(),
                write(r.limits()), r.callbackUrl(), utc(r.createdAt()));
    }

    /** Stores the final result unless one is stored; true when this call stored it. */
    boolean finish(String token, ResultDocument result, Instant at) {
        return jdbc.sql("update judge0_submissions set status = 'FINISHED', result_json = ?, finished_at = ?"
                        + " where token = ? and finished_at is null")
                .params(write(result), utc(at), token).update() == 1;
    }

    boolean advance(String token, Status status) {
        return jdbc.sql("update judge0_submissions set status = ? where token = ? and finished_at is null"
                        + " and status in (" + StatusSteps.earlier(status) + ")")
                .params(status.name(), token).update() == 1;
    }

    Optional<Judge0Row> find(String token) {
        return jdbc.sql("select * from judge0_submissions where token = ?").param(token).query(this::map).optional();
    }

    boolean delete(String token) {
        return jdbc.sql("delete from judge0_submissions where token = ?").param(token).update() == 1;
    }

    List<String> unfinished(int limit) {
        return jdbc.sql("select token from judge0_submissions where finished_at is null order by created_at limit ?")
                .param(limit).query(String.class).list();
    }

    private Judge0Row map(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result_json");
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        try {
            return new Judge0Row(rs.getString("token"), rs.getInt("language_id"), rs.getString("judge_language"),
                    rs.getString("source"), rs.getString("stdin"), rs.getString("expected_output"),
                    json.readValue(rs.getString("limits_json"), Judge0Limits.class), rs.getString("callback_url"),
                    result == null ? null : json.readValue(result, ResultDocument.class),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    finished == null ? null : finished.toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of " + rs.getString("token") + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
