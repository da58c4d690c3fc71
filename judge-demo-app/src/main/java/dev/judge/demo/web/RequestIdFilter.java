package dev.judge.demo.web;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Gives every request an id: the caller's {@code X-Request-Id} when it is a sane token, a new one otherwise.
 * The id goes into the logging MDC (key {@code requestId}), the response header and error bodies; each
 * request ends with one access-log line that carries it.
 */
@Component
// Just inside Spring's server observation filter (HIGHEST_PRECEDENCE + 1), so that with tracing on the access line
// carries the request's trace id; still before security and everything else.
@Order(Ordered.HIGHEST_PRECEDENCE + 2)
public class RequestIdFilter extends OncePerRequestFilter {
    public static final String HEADER = "X-Request-Id";
    public static final String MDC_KEY = "requestId";
    /** One line per request; silence it with {@code logging.level.dev.judge.demo.access=warn}. */
    private static final Logger ACCESS = LoggerFactory.getLogger("dev.judge.demo.access");
    private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

    @Override
    protected boolean shouldNotFilterErrorDispatch() {
        // The container's forward to /error keeps the request's id, so the error body carries it too.
        return false;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        boolean errorDispatch = request.getDispatcherType() == DispatcherType.ERROR;
        String id = request.getAttribute(MDC_KEY) instanceof String known ? known : newOrGiven(request);
        request.setAttribute(MDC_KEY, id);
        MDC.put(MDC_KEY, id);
        response.setHeader(HEADER, id);
        long start = System.nanoTime();
        try {
            chain.doFilter(request, response);
        } finally {
            if (!errorDispatch) {
                ACCESS.info("{} {} -> {} in {} ms", request.getMethod(), request.getRequestURI(),
                        response.getStatus(), (System.nanoTime() - start) / 1_000_000);
            }
            MDC.remove(MDC_KEY);
        }
    }

    private static String newOrGiven(HttpServletRequest request) {
        String given = request.getHeader(HEADER);
        return given != null && SANE.matcher(given).matches() ? given : UUID.randomUUID().toString();
    }
}
