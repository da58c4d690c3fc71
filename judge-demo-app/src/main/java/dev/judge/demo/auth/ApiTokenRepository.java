package dev.judge.demo.auth;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.support.GeneratedKeyHolder;
import org.springframework.jdbc.support.KeyHolder;
import org.springframework.stereotype.Repository;

/** API tokens in the {@code api_tokens} table, looked up by the hash of their secret. */
@Repository
public class ApiTokenRepository {
    private final JdbcClient jdbc;

    public ApiTokenRepository(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    public ApiToken create(long userId, String name, String hash, String prefix) {
        Instant now = Instant.now();
        KeyHolder keys = new GeneratedKeyHolder();
        jdbc.sql("insert into api_tokens (user_id, name, token_hash, token_prefix, created_at) values (?, ?, ?, ?, ?)")
                .params(userId, name, hash, prefix, utc(now))
                .update(keys, "id");
        return new ApiToken(keys.getKey().longValue(), userId, name, prefix, now, null, null);
    }

    public List<ApiToken> listOf(long userId) {
        return jdbc.sql("select * from api_tokens where user_id = ? order by id").param(userId)
                .query(ApiTokenRepository::map).list();
    }

    /** The owner of a live (not revoked) token with this hash. */
    public Optional<User> ownerOfLive(String hash) {
        return jdbc.sql("select u.* from api_tokens t join users u on u.id = t.user_id"
                        + " where t.token_hash = ? and t.revoked_at is null")
                .param(hash).query(UserRepository::map).optional();
    }

    public void touch(String hash) {
        jdbc.sql("update api_tokens set last_used_at = ? where token_hash = ?").params(utc(Instant.now()), hash).update();
    }

    /** Revokes a token of this user; false when the user has no such live token. */
    public boolean revoke(long userId, long tokenId) {
        return jdbc.sql("update api_tokens set revoked_at = ? where id = ? and user_id = ? and revoked_at is null")
                .params(utc(Instant.now()), tokenId, userId).update() == 1;
    }

    private static OffsetDateTime utc(Instant i) {
        return OffsetDateTime.ofInstant(i, ZoneOffset.UTC);
    }

    private static Instant instant(ResultSet rs, String column) throws SQLException {
        OffsetDateTime t = rs.getObject(column, OffsetDateTime.class);
        return t == null ? null : t.toInstant();
    }

    private static ApiToken map(ResultSet rs, int row) throws SQLException {
        return new ApiToken(rs.getLong("id"), rs.getLong("user_id"), rs.getString("name"),
                rs.getString("token_prefix"), instant(rs, "created_at"), instant(rs, "last_used_at"),
                instant(rs, "revoked_at"));
    }
}
