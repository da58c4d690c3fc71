package dev.judge.demo.judge0;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.results.ResultDocument;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.IntFunction;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Component;

/**
 * Judge0's {@code GET /statistics} ({@code app/controllers/info_controller.rb}): submissions in total, today and
 * on each of the 30 days before, by language and by status, and the database's size; computed over the Judge0
 * submissions and kept for 10 minutes, as Judge0 does.
 */
@Component
class Judge0Statistics {
    static final Duration CACHE_DURATION = Duration.ofMinutes(10);
    private static final DateTimeFormatter RUBY_DATE_TIME = DateTimeFormatter.ofPattern(
            "yyyy-MM-dd'T'HH:mm:ss.SSSxxx");

    private final JdbcClient jdbc;
    private final DataSource dataSource;
    private final ObjectMapper json;
    private final Path dataDir;
    private final Clock clock;
    private Map<String, Object> cached;
    private OffsetDateTime cachedUntil;

    Judge0Statistics(JdbcClient jdbc, DataSource dataSource, ObjectMapper json, DemoProperties demo) {
        this.jdbc = jdbc;
        this.dataSource = dataSource;
        this.json = json;
        this.dataDir = demo.dataDir();
        this.clock = Clock.systemUTC();
    }

    synchronized Map<String, Object> get(boolean invalidate, IntFunction<String> languageNames) {
        OffsetDateTime now = OffsetDateTime.now(clock);
        if (invalidate || cached == null || !now.isBefore(cachedUntil)) {
            cachedUntil = now.plus(CACHE_DURATION);
            cached = compute(now, cachedUntil, languageNames);
        }
        return cached;
    }

    private Map<String, Object> compute(OffsetDateTime now, OffsetDateTime until, IntFunction<String> names) {
        LocalDate today = now.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate();
        Map<LocalDate, Long> perDay = new HashMap<>();
        jdbc.sql("select created_at from submissions where api = 'JUDGE0' and created_at >= ?")
                .param(today.minusDays(30).atStartOfDay().atOffset(ZoneOffset.UTC))
                .query((rs, i) -> rs.getObject(1, OffsetDateTime.class)).list()
                .forEach(at -> perDay.merge(at.withOffsetSameInstant(ZoneOffset.UTC).toLocalDate(), 1L, Long::sum));
        Map<String, Long> last30 = new LinkedHashMap<>();
        for (int back = 1; back <= 30; back++) { // Judge0's (today - 30...today), newest first
            LocalDate day = today.minusDays(back);
            last30.put(day.toString(), perDay.getOrDefault(day, 0L));
        }
        Map<String, Object> submissions = new LinkedHashMap<>();
        submissions.put("total",
                jdbc.sql("select count(*) from submissions where api = 'JUDGE0'").query(Long.class).single());
        submissions.put("today", perDay.getOrDefault(today, 0L));
        submissions.put("last_30_days", last30);

        List<Map<String, Object>> languages = new ArrayList<>();
        jdbc.sql("select judge0_language_id, count(*) from submissions where api = 'JUDGE0'"
                + " group by judge0_language_id")
                .query((rs, i) -> Map.entry(rs.getInt(1), rs.getLong(2))).list().stream()
                .sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                .forEach(e -> languages.add(entry("language", e.getKey(), names.apply(e.getKey()), e.getValue())));

        Map<Integer, Long> byStatus = new TreeMap<>();
        jdbc.sql("select status, result_json from submissions where api = 'JUDGE0'").query(rs -> {
            byStatus.merge(statusId(rs.getString(1), rs.getString(2)), 1L, Long::sum);
        });
        List<Map<String, Object>> statuses = new ArrayList<>();
        byStatus.entrySet().stream().sorted(Map.Entry.<Integer, Long>comparingByValue().reversed())
                .forEach(e -> statuses.add(entry("status", e.getKey(), Judge0Status.byId(e.getKey()).description(),
                        e.getValue())));

        long size = databaseSize();
        Map<String, Object> database = new LinkedHashMap<>();
        database.put("size_pretty", pretty(size));
        database.put("size_in_bytes", size);

        Map<String, Object> m = new LinkedHashMap<>();
        m.put("created_at", RUBY_DATE_TIME.format(now));
        m.put("cached_until", RUBY_DATE_TIME.format(until));
        m.put("submissions", submissions);
        m.put("languages", languages);
        m.put("statuses", statuses);
        m.put("database", database);
        return m;
    }

    private int statusId(String state, String result) {
        if (result == null) {
            return "QUEUED".equals(state) ? 1 : 2;
        }
        try {
            return Judge0Status.of(json.readValue(result, ResultDocument.class)).id();
        } catch (JsonProcessingException e) {
            return 13;
        }
    }

    private static Map<String, Object> entry(String kind, int id, String name, long count) {
        Map<String, Object> inner = new LinkedHashMap<>();
        inner.put("id", id);
        inner.put("name", name);
        Map<String, Object> m = new LinkedHashMap<>();
        m.put(kind, inner);
        m.put("count", count);
        return m;
    }

    /** PostgreSQL's own figure; the embedded database's files otherwise. */
    private long databaseSize() {
        try (Connection c = dataSource.getConnection()) {
            if (c.getMetaData().getDatabaseProductName().toLowerCase(java.util.Locale.ROOT).contains("postgres")) {
                return jdbc.sql("select pg_database_size(current_database())").query(Long.class).single();
            }
        } catch (SQLException e) {
            return 0;
        }
        try (Stream<Path> files = Files.walk(dataDir)) {
            return files.filter(p -> p.getFileName().toString().endsWith(".db")).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }

    /** As PostgreSQL's {@code pg_size_pretty}: bytes, kB, MB, GB, TB, each unit up to 10240 of itself. */
    static String pretty(long bytes) {
        String[] units = {"bytes", "kB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (u < units.length - 1 && Math.abs(v) >= 10 * 1024 - 0.5) {
            v /= 1024;
            u++;
        }
        return Math.round(v) + " " + units[u];
    }
}
