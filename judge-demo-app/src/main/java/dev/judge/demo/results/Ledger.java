package dev.judge.demo.results;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.core.model.Status;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/**
 * The one place a submission's state lives, for both APIs: the table {@code submissions}, one row per
 * submission keyed by the judge's id, {@code api} telling which API it came through. Each API inserts its rows
 * (with its own columns) at accept time and reads them; the judge's results reach every row through the writes
 * here, each one conditional statement, so a change heard by several nodes lands once.
 */
@Repository
public class Ledger {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public Ledger(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /**
     * Stores the final result unless one is stored already; true when this call stored it (so exactly one node
     * acts on a finish that every node hears about). False too while the row is not committed yet.
     */
    public boolean finish(String id, ResultDocument result, Instant finishedAt) {
        return jdbc.sql("update submissions set status = 'FINISHED', verdict = ?, score = ?, max_score = ?,"
                        + " result_json = ?, finished_at = ? where id = ? and finished_at is null")
                .params(result.verdict(), result.score(), result.maxScore(), write(result), utc(finishedAt), id)
                .update() == 1;
    }

    /** Moves an unfinished row's status forward to {@code status}; never back, never past FINISHED. */
    public boolean advance(String id, Status status) {
        return jdbc.sql("update submissions set status = ? where id = ? and finished_at is null and status in ("
                        + StatusSteps.earlier(status) + ")")
                .params(status.name(), id).update() == 1;
    }

    /** The API of submission {@code id} when it has a callback URL; empty without one (or without the row). */
    public Optional<Api> callbackApi(String id) {
        return jdbc.sql("select api from submissions where id = ? and callback_url is not null").param(id)
                .query(String.class).optional().map(Api::valueOf);
    }

    /** Ids of submissions of either API without a final result, oldest first. */
    public List<String> unfinished(int limit) {
        return jdbc.sql("select id from submissions where finished_at is null order by created_at limit ?")
                .param(limit).query(String.class).list();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }

    /** The ledger's timestamps: UTC offsets, so both databases give back the instant stored. */
    public static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }
}
