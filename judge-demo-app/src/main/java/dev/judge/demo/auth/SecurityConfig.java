package dev.judge.demo.auth;

import com.nimbusds.jose.jwk.source.ImmutableSecret;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.SecurityProblemHandlers;
import javax.crypto.SecretKey;
import jakarta.servlet.DispatcherType;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.HttpMethod;
import org.springframework.security.authentication.AuthenticationManager;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.web.PathPatternRequestMatcherBuilderFactoryBean;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.crypto.bcrypt.BCryptPasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.security.oauth2.jose.jws.MacAlgorithm;
import org.springframework.security.oauth2.jwt.JwtDecoder;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;
import org.springframework.security.oauth2.jwt.NimbusJwtEncoder;
import org.springframework.security.web.SecurityFilterChain;

/**
 * Stateless bearer authentication: a request carries either an access token (HS256 JWT from login) or an
 * API token; both arrive through the OAuth2 resource server filter. Problems: read for every account,
 * write for ADMIN; accounts and metrics: ADMIN. Health, API docs, register and login are open.
 */
@Configuration
public class SecurityConfig {

    @Bean
    SecretKey jwtKey(DemoProperties properties) {
        return JwtKeys.load(properties);
    }

    @Bean
    JwtDecoder jwtDecoder(SecretKey jwtKey) {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withSecretKey(jwtKey).macAlgorithm(MacAlgorithm.HS256).build();
        decoder.setJwtValidator(JwtValidators.createDefaultWithIssuer(AccessTokens.ISSUER));
        return decoder;
    }

    @Bean
    AccessTokens accessTokens(SecretKey jwtKey, DemoProperties properties) {
        return new AccessTokens(new NimbusJwtEncoder(new ImmutableSecret<>(jwtKey)), properties.jwtTtl());
    }

    /**
     * Path patterns match the chains' URLs directly; the default matchers ask Spring MVC's handler mappings on
     * every request, which cost a handler lookup per matcher tried.
     */
    @Bean
    PathPatternRequestMatcherBuilderFactoryBean requestMatcherBuilder() {
        return new PathPatternRequestMatcherBuilderFactoryBean();
    }

    @Bean
    PasswordEncoder passwordEncoder() {
        return new BCryptPasswordEncoder();
    }

    @Bean
    SecurityFilterChain api(HttpSecurity http, BearerAuthentication bearerTokens, SecurityProblemHandlers problems)
            throws Exception {
        AuthenticationManager bearer = bearerTokens.manager();

        http.csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .authorizeHttpRequests(a -> a
                        // the request that started an event stream was authorized already
                        .dispatcherTypeMatchers(DispatcherType.ASYNC).permitAll()
                        .requestMatchers(HttpMethod.POST, "/api/v1/auth/register", "/api/v1/auth/login").permitAll()
                        .requestMatchers("/actuator/health", "/actuator/health/**", "/actuator/info").permitAll()
                        .requestMatchers("/v3/api-docs", "/v3/api-docs/**", "/swagger-ui.html", "/swagger-ui/**")
                        .permitAll()
                        .requestMatchers("/error").permitAll()
                        // the WebSocket handshake: STOMP's CONNECT frame carries the token (StompAuthentication)
                        .requestMatchers(HttpMethod.GET, "/ws").permitAll()
                        // the web page's own files; everything it shows comes from the API behind a login
                        .requestMatchers(HttpMethod.GET, "/", "/index.html", "/app/**", "/webjars/**", "/favicon.ico")
                        .permitAll()
                        .requestMatchers("/actuator/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/users", "/api/v1/users/**").hasRole(Role.ADMIN.name())
                        // a package export holds the hidden tests; a verification, the package's own solutions
                        .requestMatchers(HttpMethod.GET, "/api/v1/problems/*/export",
                                "/api/v1/problems/*/verification").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/problems", "/api/v1/problems/**").authenticated()
                        .requestMatchers("/api/v1/problems", "/api/v1/problems/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.GET, "/api/v1/contests", "/api/v1/contests/**").authenticated()
                        .requestMatchers(HttpMethod.POST, "/api/v1/contests/*/registrations").authenticated()
                        .requestMatchers("/api/v1/contests", "/api/v1/contests/**").hasRole(Role.ADMIN.name())
                        .requestMatchers(HttpMethod.POST, "/api/v1/submissions/*/rejudge").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/rejudges", "/api/v1/rejudges/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/plagiarism", "/api/v1/plagiarism/**").hasRole(Role.ADMIN.name())
                        .requestMatchers("/api/v1/admin", "/api/v1/admin/**").hasRole(Role.ADMIN.name())
                        .anyRequest().authenticated())
                .oauth2ResourceServer(o -> o
                        .bearerTokenResolver(new TokenHeaderResolver())
                        .authenticationManagerResolver(request -> bearer)
                        .authenticationEntryPoint(problems)
                        .accessDeniedHandler(problems))
                .exceptionHandling(e -> e.authenticationEntryPoint(problems).accessDeniedHandler(problems));
        return http.build();
    }
}
