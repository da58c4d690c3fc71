package dev.judge.demo.web;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.InvalidMediaTypeException;
import org.springframework.http.MediaType;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.stereotype.Component;
import org.springframework.web.filter.OncePerRequestFilter;

/**
 * Body format errors that surface outside Spring MVC's exception handling, which would otherwise end as a 500:
 * a {@code Content-Type} naming no concrete media type ({@code *}{@code /*}, {@code text/*}; Spring's request
 * wrappers refuse it with an {@link IllegalArgumentException} deep inside body reading) is answered 415, and a
 * form body that does not decode (read by {@code FormContentFilter} for PUT, PATCH and DELETE) 400.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 5)
public class ContentTypeFilter extends OncePerRequestFilter {
    private final ProblemResponses problems;

    public ContentTypeFilter(ProblemResponses problems) {
        this.problems = problems;
    }

    @Override
    protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
            throws ServletException, IOException {
        String header = request.getContentType();
        if (header != null && !header.isBlank() && wildcard(header)) {
            problems.write(request, response, HttpStatus.UNSUPPORTED_MEDIA_TYPE,
                    "the Content-Type must name one media type, not a wildcard");
            return;
        }
        try {
            chain.doFilter(request, response);
        } catch (HttpMessageNotReadableException e) {
            if (response.isCommitted()) {
                throw e;
            }
            response.resetBuffer();
            problems.write(request, response, HttpStatus.BAD_REQUEST, "the request body is missing or unreadable");
        }
    }

    private static boolean wildcard(String header) {
        try {
            MediaType type = MediaType.parseMediaType(header);
            return type.isWildcardType() || type.isWildcardSubtype();
        } catch (InvalidMediaTypeException e) {
            return false; // unparseable: Spring MVC answers 415 itself
        }
    }
}
