package dev.judge.demo.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** Accounts in the {@code users} table. */
@Repository
public class UserRepository {
    private final JdbcClient jdbc;

    public UserRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** Stores a new account; throws {@link org.springframework.dao.DuplicateKeyException} for a taken name. */
    public User create(String username, String passwordHash, Role role) {
        Instant now = Instant.now();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into users (username, password_hash, role, created_at) values (?, ?, ?, ?)")
                .params(username, passwordHash, role.name(), OffsetDateTime.ofInstant(now, ZoneOffset.UTC))
                .update(keys, "id");
        return new User(keys.getKey().longValue(), username, passwordHash, role, now);
    }

    public Optional<User> findByUsername(String username) {
        return jdbc.sql("select * from users where username = ?").param(username).query(UserRepository::map).optional();
    }

    public Optional<User> findById(long id) {
        return jdbc.sql("select * from users where id = ?").param(id).query(UserRepository::map).optional();
    }

    public java.util.List<User> page(int page, int size) {
        return jdbc.sql("select * from users order by id limit ? offset ?").params(size, (long) page * size)
                .query(UserRepository::map).list();
    }

    /**
     * Gives an account a role; taking ADMIN away from the last administrator does nothing. Returns whether
     * the account now has the role.
     */
    public boolean setRole(long id, Role role) {
        if (role == Role.ADMIN) {
            return jdbc.sql("update users set role = ? where id = ?").params(role.name(), id).update() == 1;
        }
        return jdbc.sql("update users set role = ? where id = ? and (role <> 'ADMIN'"
                        + " or (select count(*) from users where role = 'ADMIN') > 1)")
                .params(role.name(), id).update() == 1;
    }

    public boolean anyWithRole(Role role) {
        return jdbc.sql("select count(*) from users where role = ?").param(role.name()).query(Long.class).single() > 0;
    }

    static User map(ResultSet rs, int row) throws SQLException {
        return new User(rs.getLong("id"), rs.getString("username"), rs.getString("password_hash"),
                Role.valueOf(rs.getString("role")), rs.getObject("created_at", OffsetDateTime.class).toInstant());
    }
}
