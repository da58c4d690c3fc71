package dev.judge.jdbc;

import org.junit.jupiter.api.BeforeAll;

class PostgresJobQueueTest extends JdbcJobQueueTestBase {
    @BeforeAll
    static void database() {
        ds = TestDatabases.postgres(8);
    }
}
