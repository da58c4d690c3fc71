package dev.judge.demo.problem.importing;

import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Imported packages ({@code problem_packages}) and their last verification ({@code package_verifications}). */
@Repository
public class PackageRepository {
    private final JdbcClient jdbc;

    public PackageRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** A stored package: its format and bytes. */
    public record StoredPackage(String format, byte[] zip, boolean timeLimitDerived) {
    }

    public void insert(long problemId, String format, byte[] zip, boolean timeLimitDerived, Instant at) {
        jdbc.sql("insert into problem_packages (problem_id, format, package, time_limit_derived, accepted_failed,"
                        + " imported_at, verified_at) values (?, ?, ?, ?, false, ?, ?)")
                .params(problemId, format, zip, timeLimitDerived, Timestamp.from(at), Timestamp.from(at)).update();
    }

    public Optional<StoredPackage> find(long problemId) {
        return jdbc.sql("select format, package, time_limit_derived from problem_packages where problem_id = ?")
                .param(problemId).query((rs, row) -> new StoredPackage(rs.getString("format"),
                        rs.getBytes("package"), rs.getBoolean("time_limit_derived"))).optional();
    }

    /** Replaces the problem's verification rows with these. */
    public void saveVerification(long problemId, List<VerificationRow> rows, boolean acceptedFailed, Instant at) {
        jdbc.sql("delete from package_verifications where problem_id = ?").param(problemId).update();
        for (int i = 0; i < rows.size(); i++) {
            VerificationRow r = rows.get(i);
            jdbc.sql("insert into package_verifications (problem_id, position, path, language_id, category, expected,"
                            + " obtained, outcome, slowest_ms, score, max_score, message)"
                            + " values (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")
                    .params(problemId, i, r.path(), r.languageId(), r.category(), String.join(" ", r.expected()),
                            r.obtained(), r.outcome(), r.slowestMs(), r.score(), r.maxScore(), r.message())
                    .update();
        }
        jdbc.sql("update problem_packages set accepted_failed = ?, verified_at = ? where problem_id = ?")
                .params(acceptedFailed, Timestamp.from(at), problemId).update();
    }

    public Optional<VerificationView> verification(long problemId) {
        List<VerificationRow> rows = jdbc.sql("select * from package_verifications where problem_id = ?"
                        + " order by position").param(problemId)
                .query((rs, row) -> new VerificationRow(rs.getString("path"), rs.getString("language_id"),
                        rs.getString("category"), List.of(rs.getString("expected").split(" ")),
                        rs.getString("obtained"), rs.getString("outcome"), rs.getLong("slowest_ms"),
                        rs.getDouble("score"), rs.getDouble("max_score"), rs.getString("message"))).list();
        return jdbc.sql("select format, time_limit_derived, accepted_failed, verified_at from problem_packages"
                        + " where problem_id = ?").param(problemId)
                .query((rs, row) -> new VerificationView(problemId, rs.getString("format"),
                        rs.getBoolean("time_limit_derived"), rs.getBoolean("accepted_failed"),
                        rs.getTimestamp("verified_at").toInstant(), rows)).optional();
    }
}
