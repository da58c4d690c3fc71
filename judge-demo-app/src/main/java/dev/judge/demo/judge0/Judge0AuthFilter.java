package dev.judge.demo.judge0;

import dev.judge.demo.web.ProblemResponses;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Judge0's authentication: the {@code X-Auth-Token} header must be one of the accepted tokens
 * ({@link Judge0Tokens}). An empty list lets every request pass: the explicitly open API.
 */
final class Judge0AuthFilter extends OncePerRequestFilter {
    static final String HEADER = "X-Auth-Token";
    private final List<byte[]> tokens;
    private final ProblemResponses problems;

    Judge0AuthFilter(List<String> tokens, ProblemResponses problems) {
        this.tokens = tokens.stream().map(t -> t.getBytes(StandardCharsets.UTF_8)).toList();
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        if (tokens.isEmpty() || accepted(request.getHeader(HEADER))) {
            chain.doFilter(request, response);
            return;
        }
        problems.write(request, response, HttpStatus.UNAUTHORIZED, "a valid X-Auth-Token header is required");
    }

    private boolean accepted(String header) {
        if (header == null) {
            return false;
        }
        byte[] given = header.trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (byte[] t : tokens) {
            ok |= MessageDigest.isEqual(t, given);
        }
        return ok;
    }
}
