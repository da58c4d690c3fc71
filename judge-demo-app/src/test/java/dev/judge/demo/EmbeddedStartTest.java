package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.judge.demo.auth.AccessTokens;
import dev.judge.demo.auth.Role;
import dev.judge.demo.auth.User;
import dev.judge.demo.support.EmbeddedServerTest;
import dev.judge.demo.support.ServerSupport;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;
import java.util.regex.Pattern;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwsHeader;
import org.springframework.security.oauth2.jwt.JwtClaimsSet;
import org.springframework.security.oauth2.jwt.JwtEncoderParameters;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;

/**
 * The server starts on its embedded default with the data dir moved to a temporary directory: the database
 * and the generated access-token key land there, and the operational endpoints answer.
 */
@EmbeddedServerTest
@ExtendWith(OutputCaptureExtension.class)
class EmbeddedStartTest extends ServerSupport {

    @Autowired
    DemoProperties properties;

    @Test
    void keepsItsDatabaseAndGeneratedKeyInTheDataDir() throws Exception {
        Path dir = properties.dataDir();
        assertThat(dir.toAbsolutePath().normalize()).isNotEqualTo(Path.of("data").toAbsolutePath().normalize());
        assertThat(dir.resolve("judge.mv.db")).isRegularFile();
        Path key = dir.resolve("jwt-secret");
        assertThat(key).isRegularFile();
        assertThat(Files.readString(key).trim()).hasSizeGreaterThanOrEqualTo(43);
        assertThat(Files.getPosixFilePermissions(key)).hasSize(2);
    }

    @Test
    void healthIsOpenAndMetricsNeedAnAdministrator() {
        Response health = get("/actuator/health", null);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.json().path("status").asText()).isEqualTo("UP");
        get("/actuator/prometheus", null).problem(401);
        get("/actuator/prometheus", userToken()).problem(403);
        Response metrics = get("/actuator/prometheus", adminToken());
        assertThat(metrics.status()).isEqualTo(200);
        assertThat(metrics.body()).contains("jvm_memory_used_bytes").contains("http_server_requests");
    }

    @Test
    void servesItsOpenApiDescriptionAndSwaggerUi() {
        Response docs = get("/v3/api-docs", null);
        assertThat(docs.status()).isEqualTo(200);
        assertThat(docs.json().path("paths").has("/api/v1/problems")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/problems/{id}/tests")).isTrue();
        assertThat(docs.json().path("paths").has("/api/v1/auth/login")).isTrue();
        assertThat(docs.json().path("components").path("securitySchemes").has("bearer")).isTrue();
        assertThat(get("/swagger-ui/index.html", null).status()).isEqualTo(200);
    }

    @Test
    void theConfiguredAdministratorCanLogIn() {
        assertThat(adminToken()).isNotBlank();
    }

    @Autowired
    SecretKey jwtKey;

    @Test
    void expiredTokensAndTokensSignedWithAnotherKeyAreRefused() {
        User admin = new User(1, "admin", "", Role.ADMIN, Instant.now());
        String valid = new AccessTokens(new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey)), Duration.ofMinutes(5))
                .issue(admin).token();
        assertThat(get("/api/v1/auth/me", valid).status()).isEqualTo(200);

        Instant past = Instant.now().minus(Duration.ofHours(1));
        JwtClaimsSet claims = JwtClaimsSet.builder().issuer("judge-demo").subject("1").issuedAt(past)
                .expiresAt(past.plus(Duration.ofMinutes(5))).claim("username", "admin")
                .claim("roles", java.util.List.of("ADMIN")).build();
        String expired = new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey)).encode(JwtEncoderParameters.from(
                JwsHeader.with(MacAlgorithm.HS256).build(), claims)).getTokenValue();
        get("/api/v1/auth/me", expired).problem(401);

        SecretKey other = new SecretKeySpec("another-key-of-at-least-thirty-two-bytes".getBytes(), "HmacSHA256");
        String foreign = new AccessTokens(new NimbusJwtEncoder(new ImmutableSecret<>(other)), Duration.ofMinutes(5))
                .issue(admin).token();
        get("/api/v1/auth/me", foreign).problem(401);
    }

    @Test
    void requestIdsReachTheLogsAndTheResponse(CapturedOutput output) {
        Response r = send(request("/api/v1/problems/424242", adminToken()).header("X-Request-Id", "log-me-7").GET());
        assertThat(r.headers().firstValue("X-Request-Id")).hasValue("log-me-7");
        // The access line is written when the filter chain returns, which can be after the client has read the
        // flushed response: wait for it rather than read the log at once.
        Pattern line = Pattern.compile("\\[log-me-7\\].*GET /api/v1/problems/424242 -> 404");
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (!line.matcher(output.getAll()).find() && System.nanoTime() < deadline) {
            LockSupport.parkNanos(Duration.ofMillis(20).toNanos());
        }
        assertThat(output.getAll()).containsPattern(line);
        assertThat(get("/actuator/health", null).headers().firstValue("X-Request-Id")).isPresent();
    }
}
