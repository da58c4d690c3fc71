package dev.judge.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

class PostgresResultStoreTest extends JdbcResultStoreTestBase {
    private static HikariDataSource ds;
    private static String schema;

    @BeforeAll
    static void database() {
        ds = TestDatabases.postgres(6);
        schema = TestDatabases.randomSchema();
    }

    @AfterAll
    static void dropDatabase() {
        TestDatabases.dropSchema(ds, schema);
        if (ds != null) {
            ds.close();
        }
    }

    @Override
    HikariDataSource dataSource() {
        return ds;
    }

    @Override
    String schema() {
        return schema;
    }
}
