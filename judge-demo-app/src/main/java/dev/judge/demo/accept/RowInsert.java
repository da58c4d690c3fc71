package dev.judge.demo.accept;

import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * The insert of the server's own row for an accepted submission, handed to the {@link Acceptor}, which runs the
 * inserts of one group commit that share a statement as one JDBC batch (one round trip to the database).
 *
 * @param sql  the insert, with a {@code ?} per argument
 * @param args its arguments, in order; may hold nulls
 */
public record RowInsert(String sql, List<Object> args) {
    public RowInsert {
        Objects.requireNonNull(sql, "sql");
        args = Collections.unmodifiableList(Arrays.asList(args.toArray()));
    }

    public static RowInsert of(String sql, Object... args) {
        return new RowInsert(sql, Arrays.asList(args));
    }
}
