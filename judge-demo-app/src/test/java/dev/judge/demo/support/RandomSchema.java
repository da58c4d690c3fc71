package dev.judge.demo.support;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;
import org.springframework.context.ApplicationContextInitializer;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.core.env.MapPropertySource;

/**
 * Gives a context on the {@code postgres} profile its own schema in the {@code test} database, so test runs
 * never collide; Flyway creates it, and it is dropped when the context closes.
 */
public class RandomSchema implements ApplicationContextInitializer<ConfigurableApplicationContext> {
    public static final String URL = "jdbc:postgresql://127.0.0.1:5432/test";

    @Override
    public void initialize(ConfigurableApplicationContext context) {
        String schema = "judge_demo_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        context.getEnvironment().getPropertySources().addFirst(new MapPropertySource("random-schema", Map.of(
                "spring.datasource.url", URL + "?currentSchema=" + schema,
                "spring.flyway.schemas", schema,
                "spring.flyway.default-schema", schema,
                // the judge's own queue and results (postgres profile without redis) in a schema of their own too
                "judge.jdbc.schema", schema + "_judge")));
        context.addApplicationListener(event -> {
            if (event instanceof ContextClosedEvent) {
                drop(schema);
                drop(schema + "_judge");
            }
        });
    }

    private static void drop(String schema) {
        try (Connection c = DriverManager.getConnection(URL, "postgres", "");
                Statement s = c.createStatement()) {
            s.execute("drop schema if exists " + schema + " cascade");
        } catch (SQLException e) {
            // a leftover schema is harmless: its name is random
        }
    }
}
