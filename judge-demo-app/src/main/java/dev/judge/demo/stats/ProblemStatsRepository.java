package dev.judge.demo.stats;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Aggregates over {@code submissions} per problem (standard SQL: runs on H2 and PostgreSQL). */
@Repository
public class ProblemStatsRepository {
    /** How many of a problem's latest accepted submissions the run-time distribution is drawn from. */
    static final int RUNTIME_SAMPLE = 2000;
    private final JdbcClient jdbc;
    private final ObjectMapper json;

    public ProblemStatsRepository(JdbcClient jdbc, ObjectMapper json) {
        this.jdbc = jdbc;
        this.json = json;
    }

    /** The accepted submissions' run times (slowest test, CPU), {@code userId}'s own listed apart. */
    public AcceptedRuntimes runtimes(long problemId, long userId) {
        List<Long> all = new ArrayList<>();
        List<Long> mine = new ArrayList<>();
        jdbc.sql("select user_id, result_json from submissions where problem_id = ? and verdict = 'AC'"
                        + " and result_json is not null order by created_at desc limit ?")
                .params(problemId, RUNTIME_SAMPLE)
                .query((rs, row) -> {
                    long millis = slowest(rs.getString("result_json"));
                    all.add(millis);
                    if (rs.getLong("user_id") == userId) {
                        mine.add(millis);
                    }
                    return null;
                })
                .list();
        Collections.sort(all);
        Collections.sort(mine);
        return new AcceptedRuntimes(problemId, all, mine);
    }

    private long slowest(String result) {
        try {
            return json.readValue(result, ResultDocument.class).tests().stream()
                    .mapToLong(TestDocument::cpuTimeMillis).max().orElse(0);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("stored result is unreadable", e);
        }
    }

    public ProblemStats stats(long problemId) {
        Map<String, Long> byVerdict = counts("select verdict as k, count(*) as n from submissions where problem_id = ?"
                + " and finished_at is not null group by verdict order by n desc, verdict", problemId);
        Map<String, Long> byLanguage = counts("select language_id as k, count(*) as n from submissions"
                + " where problem_id = ? group by language_id order by n desc, language_id", problemId);
        long[] totals = jdbc.sql("select count(*) as total, count(finished_at) as judged,"
                        + " coalesce(sum(case when verdict = 'AC' then 1 else 0 end), 0) as accepted,"
                        + " count(distinct user_id) as users,"
                        + " count(distinct case when verdict = 'AC' then user_id end) as solved"
                        + " from submissions where problem_id = ?")
                .param(problemId)
                .query((rs, row) -> new long[] {rs.getLong("total"), rs.getLong("judged"), rs.getLong("accepted"),
                        rs.getLong("users"), rs.getLong("solved")})
                .single();
        double rate = totals[1] == 0 ? 0 : (double) totals[2] / totals[1];
        return new ProblemStats(problemId, totals[0], totals[1], totals[2], rate, totals[3], totals[4], byVerdict,
                byLanguage);
    }

    public List<LeaderboardEntry> leaderboard(long problemId, int limit) {
        List<LeaderboardEntry> rows = jdbc.sql("select username, score, max_score, id, created_at from ("
                        + " select s.id, s.score, s.max_score, s.created_at, u.username, row_number() over ("
                        + " partition by s.user_id order by s.score desc, s.created_at, s.id) as rn"
                        + " from submissions s join users u on u.id = s.user_id"
                        + " where s.problem_id = ? and s.finished_at is not null) best"
                        + " where rn = 1 order by score desc, created_at, id limit ?")
                .params(problemId, limit)
                .query((rs, row) -> new LeaderboardEntry(row + 1, rs.getString("username"), rs.getDouble("score"),
                        rs.getDouble("max_score"), rs.getString("id"),
                        rs.getObject("created_at", OffsetDateTime.class).toInstant()))
                .list();
        return rows;
    }

    /** An account's statistics over its own (native) submissions; empty when there is no such account. */
    public Optional<UserStats> user(String username) {
        Optional<Long> id = jdbc.sql("select id from users where username = ?").param(username)
                .query(Long.class).optional();
        if (id.isEmpty()) {
            return Optional.empty();
        }
        long user = id.get();
        Map<String, Long> byVerdict = new LinkedHashMap<>();
        jdbc.sql("select verdict as k, count(*) as n from submissions where user_id = ? and finished_at is not null"
                        + " group by verdict order by n desc, verdict")
                .param(user).query((rs, row) -> byVerdict.put(rs.getString("k"), rs.getLong("n"))).list();
        Map<String, UserStats.Language> byLanguage = new LinkedHashMap<>();
        jdbc.sql("select language_id, count(*) as n,"
                        + " coalesce(sum(case when verdict = 'AC' then 1 else 0 end), 0) as ac,"
                        + " count(distinct case when verdict = 'AC' then problem_id end) as solved"
                        + " from submissions where user_id = ? group by language_id order by n desc, language_id")
                .param(user)
                .query((rs, row) -> byLanguage.put(rs.getString("language_id"), new UserStats.Language(rs.getLong("n"),
                        rs.getLong("ac"), rs.getLong("solved"))))
                .list();
        List<Long> solved = jdbc.sql("select distinct problem_id from submissions where user_id = ? and verdict = 'AC'"
                + " order by problem_id").param(user).query(Long.class).list();
        long[] totals = jdbc.sql("select count(*) as total, count(finished_at) as judged,"
                        + " coalesce(sum(case when verdict = 'AC' then 1 else 0 end), 0) as accepted,"
                        + " count(distinct problem_id) as attempted from submissions where user_id = ?")
                .param(user)
                .query((rs, row) -> new long[] {rs.getLong("total"), rs.getLong("judged"), rs.getLong("accepted"),
                        rs.getLong("attempted")})
                .single();
        return Optional.of(new UserStats(username, totals[0], totals[1], totals[2], totals[3], solved.size(),
                byVerdict, byLanguage, solved));
    }

    private Map<String, Long> counts(String sql, long problemId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql).param(problemId).query((rs, row) -> counts.put(rs.getString("k"), rs.getLong("n"))).list();
        return counts;
    }
}
