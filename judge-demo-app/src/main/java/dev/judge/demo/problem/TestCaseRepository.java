package dev.judge.demo.problem;

import dev.judge.core.model.TestCase;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Test cases in the {@code test_cases} table, kept in their order ({@code position}). */
@Repository
public class TestCaseRepository {
    private static final String SUMMARY = "select name, weight, group_name, hidden, octet_length(input) as input_bytes,"
            + " octet_length(expected_output) as output_bytes from test_cases where problem_id = ?";
    private final JdbcClient jdbc;

    public TestCaseRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Replaces all tests of a problem with these, in this order. */
    public void replaceAll(long problemId, List<TestCase> tests) {
        jdbc.sql("delete from test_cases where problem_id = ?").param(problemId).update();
        for (int i = 0; i < tests.size(); i++) {
            insert(problemId, tests.get(i), i);
        }
    }

    /** Creates or replaces one test; a new one goes last. */
    public void put(long problemId, TestCase test) {
        Optional<Integer> position = jdbc.sql("select position from test_cases where problem_id = ? and name = ?")
                .params(problemId, test.id()).query(Integer.class).optional();
        if (position.isPresent()) {
            jdbc.sql("delete from test_cases where problem_id = ? and name = ?").params(problemId, test.id()).update();
            insert(problemId, test, position.get());
        } else {
            int next = jdbc.sql("select coalesce(max(position), -1) + 1 from test_cases where problem_id = ?")
                    .param(problemId).query(Integer.class).single();
            insert(problemId, test, next);
        }
    }

    public boolean delete(long problemId, String name) {
        return jdbc.sql("delete from test_cases where problem_id = ? and name = ?").params(problemId, name).update() == 1;
    }

    public List<TestSummary> summaries(long problemId, boolean includeHidden) {
        return jdbc.sql(SUMMARY + (includeHidden ? "" : " and hidden = false") + " order by position")
                .param(problemId).query(TestCaseRepository::summary).list();
    }

    public Optional<TestCase> find(long problemId, String name) {
        return jdbc.sql("select * from test_cases where problem_id = ? and name = ?").params(problemId, name)
                .query(TestCaseRepository::testCase).optional();
    }

    /** All tests of a problem, hidden ones included, as the judge takes them. */
    public List<TestCase> all(long problemId) {
        return jdbc.sql("select * from test_cases where problem_id = ? order by position").param(problemId)
                .query(TestCaseRepository::testCase).list();
    }

    public record Totals(int count, int publicCount, long bytes) {
    }

    /** How many tests a problem has, and their data size; {@code except} (may be null) is left out. */
    public Totals totals(long problemId, String except) {
        return jdbc.sql("select count(*) as n, coalesce(sum(case when hidden then 0 else 1 end), 0) as p,"
                        + " coalesce(sum(octet_length(input) + coalesce(octet_length(expected_output), 0)), 0) as b"
                        + " from test_cases where problem_id = ? and name <> ?")
                .params(problemId, except == null ? "" : except)
                .query((rs, row) -> new Totals(rs.getInt("n"), rs.getInt("p"), rs.getLong("b"))).single();
    }

    private void insert(long problemId, TestCase t, int position) {
        jdbc.sql("insert into test_cases (problem_id, name, position, input, expected_output, weight, group_name,"
                        + " hidden) values (?, ?, ?, ?, ?, ?, ?, ?)")
                .params(problemId, t.id(), position, t.input(), t.expectedOutput(), t.weight(), t.group(), t.hidden())
                .update();
    }

    private static TestSummary summary(ResultSet rs, int row) throws SQLException {
        long out = rs.getLong("output_bytes");
        Long expectedBytes = rs.wasNull() ? null : out;
        return new TestSummary(rs.getString("name"), rs.getDouble("weight"), rs.getString("group_name"),
                rs.getBoolean("hidden"), rs.getLong("input_bytes"), expectedBytes);
    }

    private static TestCase testCase(ResultSet rs, int row) throws SQLException {
        return new TestCase(rs.getString("name"), rs.getBytes("input"), rs.getBytes("expected_output"),
                rs.getDouble("weight"), rs.getString("group_name"), rs.getBoolean("hidden"));
    }
}
