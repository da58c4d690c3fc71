package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.RandomSchema;
import dev.judge.demo.support.ServerSupport;
import java.io.IOException;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Test;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DriverManagerDataSource;
import org.springframework.util.FileSystemUtils;

/**
 * Submissions stored under the schema of two tables ({@code submissions} for the server's API,
 * {@code judge0_submissions} for Judge0's) are all in the one ledger after the migration, on H2 and on
 * PostgreSQL: the database is migrated to the old version, rows of both APIs are written in the old shape, then
 * the server starts (migrating to the latest) and both APIs read them back; the unfinished ones, which the
 * judge's fresh store does not know, are settled as IE through the ledger, and new submissions of both APIs are
 * accepted beside them.
 */
class LedgerMigrationTest extends ServerSupport {
    private static final String JUDGE0_TOKEN = "j0-token-a";
    private static final Instant CREATED = Instant.parse("2026-11-20T10:15:30.123456Z");
    private static final String RESULT = """
            {"status":"FINISHED","verdict":"AC","detail":null,"score":1.0,"maxScore":1.0,"compileOutput":"",\
            "tests":[{"testId":"1","verdict":"AC","detail":null,"score":1.0,"cpuTimeMillis":12,"wallTimeMillis":20,\
            "memoryKiB":2048,"exitCode":0,"signal":0,"stdout":"3\\n","stderr":"","checkerMessage":""}],\
            "updatedAt":"2026-11-20T10:15:31.5Z"}""";
    private static final String LIMITS = """
            {"cpuTimeLimit":2.5,"cpuExtraTime":0.5,"wallTimeLimit":5.0,"memoryLimit":128000,"stackLimit":64000,\
            "maxProcessesAndOrThreads":60,"maxFileSize":1024,"numberOfRuns":1,"redirectStderrToStdout":false}""";

    private final String nativeDone = UUID.randomUUID().toString();
    private final String nativeWaiting = UUID.randomUUID().toString();
    private final String judge0Done = UUID.randomUUID().toString();
    private final String judge0Waiting = UUID.randomUUID().toString();

    @Test
    void rowsOfBothTablesSurviveOnH2() throws IOException {
        RequiredParts.require(RequiredParts.isRoot(), "root, for the native sandbox the server starts");
        Path dir = Files.createTempDirectory("judge-ledger-migration-");
        try {
            String url = "jdbc:h2:file:" + dir + "/judge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                    + "DEFAULT_NULL_ORDERING=HIGH";
            Flyway.configure().dataSource(url, "sa", "").locations("classpath:db/migration", "classpath:db/vendor/h2")
                    .target("3").load().migrate();
            long problem = writeOldRows(new JdbcTemplate(new DriverManagerDataSource(url, "sa", "")));
            runServerAndRead(problem, "--judge.demo.data-dir=" + dir);
        } finally {
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    @Test
    void rowsOfBothTablesSurviveOnPostgres() throws IOException {
        RequiredParts.require(RequiredParts.isRoot(), "root, for the native sandbox the server starts");
        RequiredParts.require(RequiredParts.listening(5432), "PostgreSQL on 127.0.0.1:5432 (database 'test')");
        String schema = "judge_ledger_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        Path dir = Files.createTempDirectory("judge-ledger-migration-");
        try {
            Flyway.configure().dataSource(RandomSchema.URL, "postgres", "").schemas(schema).defaultSchema(schema)
                    .locations("classpath:db/migration").target("2").load()
                    .migrate();
            long problem = writeOldRows(new JdbcTemplate(new DriverManagerDataSource(
                    RandomSchema.URL + "?currentSchema=" + schema, "postgres", "")));
            runServerAndRead(problem, "--spring.profiles.active=postgres", "--judge.demo.data-dir=" + dir,
                    "--spring.datasource.url=" + RandomSchema.URL + "?currentSchema=" + schema,
                    "--spring.flyway.schemas=" + schema, "--spring.flyway.default-schema=" + schema,
                    "--judge.jdbc.schema=" + schema + "_judge",
                    "--judge.demo.jwt-secret=a-test-only-hmac-secret-of-at-least-32-bytes");
        } finally {
            drop(schema);
            drop(schema + "_judge");
            FileSystemUtils.deleteRecursively(dir);
        }
    }

    /** Writes an account, a problem with one test and two submissions of each API as V2 stored them. */
    private long writeOldRows(JdbcTemplate jdbc) {
        OffsetDateTime at = OffsetDateTime.ofInstant(CREATED, ZoneOffset.UTC);
        jdbc.update("insert into users (username, password_hash, role, created_at) values ('old-user', 'x', 'USER', ?)",
                at);
        long user = jdbc.queryForObject("select id from users where username = 'old-user'", Long.class);
        jdbc.update("insert into problems (title, statement, cpu_time_ms, wall_time_ms, memory_bytes, processes,"
                + " output_size_bytes, file_size_bytes, stack_bytes, open_files, network, comparator_type, created_at,"
                + " updated_at) values ('Sum', 'Add.', 1000, 3000, 268435456, 16, 1048576, 1048576, 67108864, 64,"
                + " false, 'lines', ?, ?)", at, at);
        long problem = jdbc.queryForObject("select id from problems where title = 'Sum'", Long.class);
        jdbc.update("insert into test_cases (problem_id, name, position, input, expected_output, weight, hidden)"
                + " values (?, '1', 0, ?, ?, 1.0, false)", problem, "1 2\n".getBytes(StandardCharsets.UTF_8),
                "3\n".getBytes(StandardCharsets.UTF_8));
        String insertNative = "insert into submissions (id, user_id, problem_id, language_id, source, hidden_tests,"
                + " test_count, callback_url, status, verdict, score, max_score, result_json, created_at, finished_at)"
                + " values (?, ?, ?, 'python3', ?, '[]', 1, null, ?, ?, ?, ?, ?, ?, ?)";
        jdbc.update(insertNative, nativeDone, user, problem, "print(3)", "FINISHED", "AC", 1.0, 1.0, RESULT, at,
                at.plusSeconds(1));
        jdbc.update(insertNative, nativeWaiting, user, problem, "print(4)", "RUNNING", null, null, null, null, at,
                null);
        String insertJudge0 = "insert into judge0_submissions (token, language_id, judge_language, source, stdin,"
                + " expected_output, limits_json, callback_url, status, result_json, created_at, finished_at)"
                + " values (?, 71, 'python3', ?, '1 2', '3', ?, null, ?, ?, ?, ?)";
        jdbc.update(insertJudge0, judge0Done, "print(3)", LIMITS, "FINISHED", RESULT, at, at.plusSeconds(1));
        jdbc.update(insertJudge0, judge0Waiting, "print(5)", LIMITS, "QUEUED", null, at, null);
        return problem;
    }

    private void runServerAndRead(long problem, String... arguments) {
        List<String> args = new ArrayList<>(List.of(arguments));
        args.addAll(List.of("--server.port=0", "--judge.worker.enabled=false", "--judge.demo.admin-password="
                + ADMIN_PASSWORD, "--judge.judge0.auth-token=" + JUDGE0_TOKEN, "--judge.demo.rate-limit.enabled=false"));
        try (ConfigurableApplicationContext server = new SpringApplicationBuilder(JudgeDemoApplication.class)
                .run(args.toArray(String[]::new))) {
            port = Integer.parseInt(server.getEnvironment().getProperty("local.server.port"));
            readThroughBothApis(problem);
        }
    }

    private void readThroughBothApis(long problem) {
        String admin = adminToken();
        JsonNode done = get("/api/v1/submissions/" + nativeDone, admin).json();
        assertThat(done.path("status").asText()).isEqualTo("FINISHED");
        assertThat(done.path("verdict").asText()).isEqualTo("AC");
        assertThat(done.path("username").asText()).isEqualTo("old-user");
        assertThat(done.path("problemId").asLong()).isEqualTo(problem);
        assertThat(done.path("source").asText()).isEqualTo("print(3)");
        assertThat(done.path("tests").get(0).path("stdout").asText()).isEqualTo("3\n");
        JsonNode settled = until(() -> get("/api/v1/submissions/" + nativeWaiting, admin).json(),
                s -> "FINISHED".equals(s.path("status").asText()));
        assertThat(settled.path("verdict").asText()).as("the fresh store does not know it").isEqualTo("IE");

        JsonNode j0 = judge0("/submissions/" + judge0Done + "?fields=*").json();
        assertThat(j0.path("status_id").asInt()).isEqualTo(3);
        assertThat(j0.path("language_id").asInt()).isEqualTo(71);
        assertThat(j0.path("stdin").asText()).isEqualTo("1 2");
        assertThat(j0.path("expected_output").asText()).isEqualTo("3");
        assertThat(j0.path("stdout").asText()).isEqualTo("3\n");
        assertThat(j0.path("cpu_time_limit").asDouble()).isEqualTo(2.5);
        // Judge0 prints times to the millisecond, as Ruby's iso8601(3) does
        assertThat(j0.path("created_at").asText()).isEqualTo(CREATED.truncatedTo(ChronoUnit.MILLIS).toString());
        JsonNode j0Settled = until(() -> judge0("/submissions/" + judge0Waiting + "?fields=status_id").json(),
                s -> s.path("status_id").asInt() > 2);
        assertThat(j0Settled.path("status_id").asInt()).as("Internal Error").isEqualTo(13);

        // each API sees its own rows only, as with two tables
        assertThat(get("/api/v1/submissions/" + judge0Done, admin).status()).isEqualTo(404);
        assertThat(judge0("/submissions/" + nativeDone).status()).isEqualTo(404);
        JsonNode listing = get("/api/v1/submissions?size=50", admin).json();
        assertThat(listing.path("total").asLong()).isEqualTo(2);

        // and the migrated ledger takes new submissions of both APIs
        Response created = postJson("/api/v1/submissions", admin, json(Map.of("problemId", problem,
                "languageId", "c", "source", "int main(void){return 0;}")));
        assertThat(created.status()).as(created.body()).isEqualTo(202);
        assertThat(get("/api/v1/submissions/" + created.json().path("id").asText(), admin).json().path("status")
                .asText()).as("no worker here").isEqualTo("QUEUED");
        Response j0Created = send(HttpRequest.newBuilder(uri("/judge0/submissions")).header("X-Auth-Token",
                JUDGE0_TOKEN).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(
                "{\"source_code\":\"int main(void){return 0;}\",\"language_id\":50,\"stdin\":\"1 2\"}")));
        assertThat(j0Created.status()).as(j0Created.body()).isEqualTo(201);
        assertThat(judge0("/submissions/" + j0Created.json().path("token").asText() + "?fields=stdin").json()
                .path("stdin").asText()).isEqualTo("1 2");
    }

    private Response judge0(String path) {
        return send(HttpRequest.newBuilder(uri("/judge0" + path)).header("X-Auth-Token", JUDGE0_TOKEN).GET());
    }

    private static JsonNode until(Supplier<JsonNode> read, Predicate<JsonNode> done) {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        JsonNode last = read.get();
        while (!done.test(last) && System.nanoTime() < deadline) {
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
            last = read.get();
        }
        return last;
    }

    private static void drop(String schema) {
        try (Connection c = DriverManager.getConnection(RandomSchema.URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // a leftover schema is harmless: its name is random
        }
    }
}
