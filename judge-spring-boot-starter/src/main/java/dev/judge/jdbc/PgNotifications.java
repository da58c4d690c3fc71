package dev.judge.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import javax.sql.DataSource;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One dedicated PostgreSQL connection that LISTENs to the judge's channels and hands each notification's
 * payload to the handlers of its channel. Reconnects after failures; while it is down {@link #isConnected()}
 * is false and the adapters fall back to polling.
 */
final class PgNotifications implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(PgNotifications.class);

    private final DataSource dataSource;
    private final Map<String, List<Consumer<String>>> handlers = new ConcurrentHashMap<>();
    private final CopyOnWriteArrayList<Runnable> reconnectHandlers = new CopyOnWriteArrayList<>();
    private final Thread thread;
    private volatile boolean connected;
    private volatile boolean closed;
    private volatile Connection connection;

    PgNotifications(DataSource dataSource, String name, Iterable<String> channels) {
        this.dataSource = dataSource;
        for (String c : channels) {
            handlers.put(c, new CopyOnWriteArrayList<>());
        }
        thread = new Thread(this::run, "judge-pg-listen-" + name);
        thread.setDaemon(true);
    }

    void start() {
        thread.start();
    }

    void onNotification(String channel, Consumer<String> handler) {
        Objects.requireNonNull(handlers.get(channel), () -> "not listening to " + channel).add(handler);
    }

    /** Called after each (re)connection, when notifications may have been missed. */
    void onReconnect(Runnable handler) {
        reconnectHandlers.add(handler);
    }

    boolean isConnected() {
        return connected;
    }

    private void run() {
        long backoffMs = 100;
        while (!closed) {
            try (Connection c = dataSource.getConnection()) {
                connection = c;
                c.setAutoCommit(true);
                try (Statement s = c.createStatement()) {
                    for (String channel : handlers.keySet()) {
                        s.execute("LISTEN \"" + channel + "\"");
                    }
                }
                PGConnection pg = c.unwrap(PGConnection.class);
                connected = true;
                backoffMs = 100;
                LOG.debug("listening to {}", handlers.keySet());
                reconnectHandlers.forEach(PgNotifications::runQuietly);
                while (!closed) {
                    PGNotification[] batch = pg.getNotifications(500);
                    if (batch == null) {
                        continue;
                    }
                    for (PGNotification n : batch) {
                        for (Consumer<String> h : handlers.getOrDefault(n.getName(), List.of())) {
                            try {
                                h.accept(n.getParameter());
                            } catch (RuntimeException e) {
                                LOG.warn("notification handler failed on {}", n.getName(), e);
                            }
                        }
                    }
                }
            } catch (SQLException | RuntimeException e) {
                if (closed) {
                    break;
                }
                LOG.warn("notification connection lost, polling until it is back: {}", e.toString());
            } finally {
                connected = false;
                connection = null;
            }
            sleep(backoffMs);
            backoffMs = Math.min(backoffMs * 2, 5_000);
        }
    }

    private static void runQuietly(Runnable r) {
        try {
            r.run();
        } catch (RuntimeException e) {
            LOG.warn("reconnect handler failed", e);
        }
    }

    private void sleep(long ms) {
        try {
            Thread.sleep(ms);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            closed = true;
        }
    }

    @Override
    public void close() {
        closed = true;
        thread.interrupt();
        try {
            thread.join(2_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        Connection c = connection;
        if (c != null && thread.isAlive()) {
            try {
                c.close();
            } catch (SQLException e) {
                LOG.debug("closing the notification connection", e);
            }
        }
    }
}
