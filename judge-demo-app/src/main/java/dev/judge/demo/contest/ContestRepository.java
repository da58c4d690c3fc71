package dev.judge.demo.contest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.results.Ledger;
import dev.judge.demo.results.ResultDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;
import org.springframework.transaction.annotation.Transactional;

/** Contests, their problems and accounts, and the submissions that count for them (standard SQL). */
@Repository
public class ContestRepository {
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ContestRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** Stores a contest with its problems (labels in the given order); the problems must exist. */
    @Transactional
    public long create(String title, Scoring scoring, Instant startsAt, Instant endsAt, Instant freezeAt,
            int penaltyMinutes, List<ContestRequest.Entry> problems) {
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into contests (title, scoring, starts_at, ends_at, freeze_at, unfrozen, penalty_minutes,"
                        + " created_at) values (?, ?, ?, ?, ?, false, ?, ?)")
                .params(title, scoring.name(), Ledger.utc(startsAt), Ledger.utc(endsAt),
                        freezeAt == null ? null : Ledger.utc(freezeAt), penaltyMinutes, Ledger.utc(Instant.now()))
                .update(keys, "id");
        long id = keys.getKey().longValue();
        for (int i = 0; i < problems.size(); i++) {
            jdbc.sql("insert into contest_problems (contest_id, problem_id, label, ordinal) values (?, ?, ?, ?)")
                    .params(id, problems.get(i).problemId(), problems.get(i).label(), i).update();
        }
        return id;
    }

    public Optional<Contest> find(long id) {
        List<Contest.ContestProblem> problems = problems(id);
        return jdbc.sql("select * from contests where id = ?").param(id)
                .query((rs, row) -> contest(rs, problems)).optional();
    }

    /** Every contest, the latest start first. */
    public List<Contest> all() {
        List<Long> ids = jdbc.sql("select id from contests order by starts_at desc, id desc").query(Long.class).list();
        return ids.stream().map(this::find).flatMap(Optional::stream).toList();
    }

    public boolean delete(long id) {
        return jdbc.sql("delete from contests where id = ?").param(id).update() == 1;
    }

    /** Registers an account; true when it was not registered before. */
    public boolean register(long contestId, long userId) {
        // insert-if-absent in standard SQL (H2 and PostgreSQL alike), so a second registration changes nothing
        return jdbc.sql("insert into contest_accounts (contest_id, user_id, registered_at) select ?, ?, ?"
                        + " where not exists (select 1 from contest_accounts where contest_id = ? and user_id = ?)")
                .params(contestId, userId, Ledger.utc(Instant.now()), contestId, userId).update() == 1;
    }

    public boolean registered(long contestId, long userId) {
        return jdbc.sql("select count(*) from contest_accounts where contest_id = ? and user_id = ?")
                .params(contestId, userId).query(Long.class).single() > 0;
    }

    public long accountCount(long contestId) {
        return jdbc.sql("select count(*) from contest_accounts where contest_id = ?").param(contestId)
                .query(Long.class).single();
    }

    public void unfreeze(long contestId) {
        jdbc.sql("update contests set unfrozen = true where id = ?").param(contestId).update();
    }

    List<Standings.Account> accounts(long contestId) {
        return jdbc.sql("select u.id, u.username from contest_accounts a join users u on u.id = a.user_id"
                        + " where a.contest_id = ? order by u.username")
                .param(contestId).query((rs, row) -> new Standings.Account(rs.getLong("id"), rs.getString("username")))
                .list();
    }

    /**
     * The submissions that count for {@code c}: by its registered accounts, to its problems, inside its window. The
     * scoring groups come from the stored result only where IOI scoring needs them.
     */
    List<Attempt> attempts(Contest c) {
        boolean groups = c.scoring() == Scoring.IOI;
        return jdbc.sql("select s.id, s.user_id, p.label, s.created_at, s.verdict, s.score, s.max_score, s.finished_at"
                        + (groups ? ", s.result_json" : "")
                        + " from submissions s"
                        + " join contest_problems p on p.problem_id = s.problem_id and p.contest_id = ?"
                        + " join contest_accounts a on a.user_id = s.user_id and a.contest_id = p.contest_id"
                        + " where s.api = 'NATIVE' and s.created_at >= ? and s.created_at < ?")
                .params(c.id(), Ledger.utc(c.startsAt()), Ledger.utc(c.endsAt()))
                .query((rs, row) -> attempt(rs, groups)).list();
    }

    /** Whether submission {@code id} (or the submission a rejudge run {@code id} judges again) is of a contest. */
    public List<Long> contestsOf(String id) {
        return jdbc.sql("select distinct p.contest_id from submissions s join contest_problems p"
                        + " on p.problem_id = s.problem_id where s.id = ? or s.id in"
                        + " (select submission_id from rejudge_runs where judge_id = ?)")
                .params(id, id).query(Long.class).list();
    }

    private Attempt attempt(ResultSet rs, boolean groups) throws SQLException {
        boolean finished = rs.getObject("finished_at") != null;
        String result = groups ? rs.getString("result_json") : null;
        return new Attempt(rs.getString("id"), rs.getLong("user_id"), rs.getString("label"),
                rs.getObject("created_at", OffsetDateTime.class).toInstant(),
                finished ? rs.getString("verdict") : null, rs.getDouble("score"), rs.getDouble("max_score"),
                result == null ? List.of() : read(result).groups());
    }

    private List<Contest.ContestProblem> problems(long contestId) {
        return jdbc.sql("select p.label, p.problem_id, q.title from contest_problems p join problems q"
                        + " on q.id = p.problem_id where p.contest_id = ? order by p.ordinal")
                .param(contestId)
                .query((rs, row) -> new Contest.ContestProblem(rs.getString("label"), rs.getLong("problem_id"),
                        rs.getString("title")))
                .list();
    }

    private static Contest contest(ResultSet rs, List<Contest.ContestProblem> problems) throws SQLException {
        OffsetDateTime freeze = rs.getObject("freeze_at", OffsetDateTime.class);
        return new Contest(rs.getLong("id"), rs.getString("title"), Scoring.valueOf(rs.getString("scoring")),
                rs.getObject("starts_at", OffsetDateTime.class).toInstant(),
                rs.getObject("ends_at", OffsetDateTime.class).toInstant(),
                freeze == null ? null : freeze.toInstant(), rs.getBoolean("unfrozen"), rs.getInt("penalty_minutes"),
                problems);
    }

    private ResultDocument read(String text) {
        try {
            return json.readValue(text, ResultDocument.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result is unreadable", e);
        }
    }
}
