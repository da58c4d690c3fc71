package dev.judge.demo.rejudge;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.results.Ledger;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.ResultSink;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Rejudges and their runs ({@code rejudges}, {@code rejudge_runs}). As a {@link ResultSink} it takes the final
 * results of the runs: the run keeps the new verdict and score beside the old ones, and the result replaces the
 * submission's in the ledger, in one transaction, once.
 */
@Repository
public class RejudgeRepository implements ResultSink {
    private final JdbcClient jdbc;
    private final ObjectMapper json;
    private final TransactionTemplate tx;

    public RejudgeRepository(JdbcClient jdbc, ObjectMapper json, PlatformTransactionManager transactions) {
        this.jdbc = jdbc;
        this.json = json;
        this.tx = new TransactionTemplate(transactions);
    }

    long create(Long requestedBy, String scope) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into rejudges (requested_by, scope, created_at) values (?, ?, ?)")
                .params(requestedBy, scope, Ledger.utc(Instant.now())).update(keys, "id");
        return keys.getKey().longValue();
    }

    /** Records that judge id {@code judgeId} judges {@code submissionId} again; joins the caller's transaction. */
    void addRun(long rejudgeId, String judgeId, String submissionId, String oldVerdict, Double oldScore) {
        jdbc.sql("insert into rejudge_runs (judge_id, rejudge_id, submission_id, old_verdict, old_score)"
                        + " values (?, ?, ?, ?, ?)")
                .params(judgeId, rejudgeId, submissionId, oldVerdict, oldScore).update();
    }

    @Override
    public boolean finish(String id, ResultDocument result, Instant finishedAt) {
        return Boolean.TRUE.equals(tx.execute(status -> {
            int runs = jdbc.sql("update rejudge_runs set new_verdict = ?, new_score = ?, finished_at = ?"
                            + " where judge_id = ? and finished_at is null")
                    .params(result.verdict(), result.score(), Ledger.utc(finishedAt), id).update();
            if (runs == 0) {
                return false;
            }
            // the submission keeps its id, time and finish time; its result becomes the new one
            jdbc.sql("update submissions set verdict = ?, score = ?, max_score = ?, result_json = ?"
                            + " where id = (select submission_id from rejudge_runs where judge_id = ?)")
                    .params(result.verdict(), result.score(), result.maxScore(), write(result), id).update();
            return true;
        }));
    }

    @Override
    public List<String> unfinished(int limit) {
        return jdbc.sql("select judge_id from rejudge_runs where finished_at is null order by judge_id limit ?")
                .param(limit).query(String.class).list();
    }

    Optional<RejudgeView> find(long id) {
        List<RejudgeView.Item> items = jdbc.sql("select r.submission_id, u.username, s.problem_id, r.old_verdict,"
                        + " r.old_score, r.new_verdict, r.new_score, r.finished_at from rejudge_runs r"
                        + " join submissions s on s.id = r.submission_id join users u on u.id = s.user_id"
                        + " where r.rejudge_id = ? order by s.created_at, s.id")
                .param(id)
                .query((rs, row) -> {
                    boolean done = rs.getObject("finished_at", OffsetDateTime.class) != null;
                    String oldVerdict = rs.getString("old_verdict");
                    Double oldScore = rs.getObject("old_score") == null ? null : rs.getDouble("old_score");
                    String newVerdict = rs.getString("new_verdict");
                    Double newScore = done ? rs.getDouble("new_score") : null;
                    Boolean changed = done ? !Objects.equals(oldVerdict, newVerdict) || !Objects.equals(oldScore,
                            newScore) : null;
                    return new RejudgeView.Item(rs.getString("submission_id"), rs.getString("username"),
                            rs.getLong("problem_id"), oldVerdict, oldScore, newVerdict, newScore, changed);
                })
                .list();
        return jdbc.sql("select id, scope, created_at from rejudges where id = ?").param(id)
                .query((rs, row) -> new RejudgeView(rs.getLong("id"), rs.getString("scope"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant(), items.size(),
                        (int) items.stream().filter(i -> i.changed() != null).count(),
                        (int) items.stream().filter(i -> Boolean.TRUE.equals(i.changed())).count(), items, List.of()))
                .optional();
    }

    private String write(Object value) {
        try {
            return json.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write " + value.getClass().getSimpleName() + " as JSON", e);
        }
    }
}
