package dev.judge.jdbc;

import org.junit.jupiter.api.BeforeAll;

class H2JobQueueTest extends JdbcJobQueueTestBase {
    @BeforeAll
    static void database() {
        ds = TestDatabases.h2(8);
    }
}
