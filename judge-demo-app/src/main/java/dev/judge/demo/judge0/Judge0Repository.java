package dev.judge.demo.judge0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.accept.RowInsert;
import dev.judge.demo.results.Ledger;
import dev.judge.demo.results.ResultDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The Judge0 API's rows of the ledger ({@code submissions} with {@code api = 'JUDGE0'}, the token as id): inserted
 * at accept time, read and deleted by the API; the judge's results reach them through the {@link
 * dev.judge.demo.results.Ledger}.
 */
@Repository
class Judge0Repository {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    Judge0Repository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The insert of a new submission's row, for the {@link dev.judge.demo.accept.Acceptor}. */
    RowInsert insertion(Judge0Row r, String traceId) {
        return RowInsert.of("insert into submissions (id, api, judge0_language_id, language_id, source, stdin,"
                        + " expected_output, limits_json, callback_url, status, created_at, trace_id)"
                        + " values (?, 'JUDGE0', ?, ?, ?, ?, ?, ?, ?, 'QUEUED', ?, ?)",
                r.token(), r.languageId(), r.judgeLanguage(), r.source(), r.stdin(), r.expectedOutput(),
                write(r.limits()), r.callbackUrl(), Ledger.utc(r.createdAt()), traceId);
    }

    Optional<Judge0Row> find(String token) {
        return jdbc.sql("select * from submissions where id = ? and api = 'JUDGE0'").param(token).query(this::map)
                .optional();
    }

    /** One page of the rows, newest first (Judge0's {@code default_scope}: {@code created_at desc}). */
    List<Judge0Row> page(int offset, int limit) {
        return jdbc.sql("select * from submissions where api = 'JUDGE0' order by created_at desc, id desc"
                + " limit ? offset ?").param(limit).param(offset).query(this::map).list();
    }

    long count() {
        return jdbc.sql("select count(*) from submissions where api = 'JUDGE0'").query(Long.class).single();
    }

    boolean delete(String token) {
        return jdbc.sql("delete from submissions where id = ? and api = 'JUDGE0'").param(token).update() == 1;
    }

    private Judge0Row map(ResultSet rs, int row) throws SQLException {
        String result = rs.getString("result_json");
        OffsetDateTime finished = rs.getObject("finished_at", OffsetDateTime.class);
        try {
            return new Judge0Row(rs.getString("id"), rs.getInt("judge0_language_id"), rs.getString("language_id"),
                    rs.getString("source"), rs.getString("stdin"), rs.getString("expected_output"),
                    json.readValue(rs.getString("limits_json"), Judge0Limits.class), rs.getString("callback_url"),
                    result == null ? null : json.readValue(result, ResultDocument.class),
                    rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                    finished == null ? null : finished.toInstant());
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored JSON of " + rs.getString("id") + " is unreadable", e);
        }
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
