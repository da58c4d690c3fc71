package dev.judge.demo.judge0;

import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ProblemResponses;
import java.util.List;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.http.SessionCreationPolicy;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.security.web.context.SecurityContextHolderFilter;

/**
 * The Judge0 API has a filter chain of its own: its {@code X-Auth-Token} is Judge0's shared token, not one of the
 * server's API tokens, so the accounts' bearer authentication does not apply under {@code /judge0}.
 */
@Configuration
class Judge0SecurityConfig {

    @Bean
    @Order(1)
    SecurityFilterChain judge0(HttpSecurity http, Judge0Properties properties, DemoProperties demo,
            ProblemResponses problems) throws Exception {
        List<String> tokens = Judge0Tokens.resolve(properties, demo.dataDir());
        http.securityMatcher("/judge0/**")
                .csrf(c -> c.disable())
                .sessionManagement(s -> s.sessionCreationPolicy(SessionCreationPolicy.STATELESS))
                .httpBasic(b -> b.disable())
                .formLogin(f -> f.disable())
                .logout(l -> l.disable())
                .requestCache(c -> c.disable())
                .anonymous(a -> { })
                .authorizeHttpRequests(a -> a.anyRequest().permitAll())
                .addFilterAfter(new Judge0AuthFilter(tokens, problems), SecurityContextHolderFilter.class);
        return http.build();
    }
}
