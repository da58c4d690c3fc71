package dev.judge.demo.auth;

import jakarta.servlet.http.HttpServletRequest;
import java.util.regex.Pattern;
import org.springframework.security.oauth2.server.resource.web.BearerTokenResolver;
import org.springframework.security.oauth2.server.resource.web.DefaultBearerTokenResolver;

/**
 * Finds the credential of a request: the {@code X-Auth-Token} header (as Judge0 clients send it) or the
 * standard {@code Authorization: Bearer} header; on live event streams only, also the {@code access_token} query
 * parameter.
 */
public class TokenHeaderResolver implements BearerTokenResolver {
    public static final String HEADER = "X-Auth-Token";
    /**
     * Where the token may also come as {@code ?access_token=}: live event streams (a submission's, a contest
     * scoreboard's), which browsers open headerless.
     */
    static final Pattern EVENTS = Pattern.compile(
            "/api/v1/submissions/[^/]+/events|/api/v1/contests/[^/]+/scoreboard/events");
    static final String QUERY_PARAMETER = "access_token";
    private final DefaultBearerTokenResolver bearer = new DefaultBearerTokenResolver();

    @Override
    public String resolve(HttpServletRequest request) {
        String header = request.getHeader(HEADER);
        if (header != null && !header.isBlank()) {
            return header.trim();
        }
        String token = bearer.resolve(request);
        if (token == null && "GET".equals(request.getMethod()) && EVENTS.matcher(request.getRequestURI()).matches()) {
            String query = request.getParameter(QUERY_PARAMETER);
            return query == null || query.isBlank() ? null : query.trim();
        }
        return token;
    }
}
