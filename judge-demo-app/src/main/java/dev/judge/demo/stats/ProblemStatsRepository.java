package dev.judge.demo.stats;

import java.time.OffsetDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Aggregates over {@code submissions} per problem (standard SQL: runs on H2 and PostgreSQL). */
@Repository
public class ProblemStatsRepository {
    private final JdbcClient jdbc;

    public ProblemStatsRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
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

    private Map<String, Long> counts(String sql, long problemId) {
        Map<String, Long> counts = new LinkedHashMap<>();
        jdbc.sql(sql).param(problemId).query((rs, row) -> counts.put(rs.getString("k"), rs.getLong("n"))).list();
        return counts;
    }
}
