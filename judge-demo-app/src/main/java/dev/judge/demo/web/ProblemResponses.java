package dev.judge.demo.web;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.net.URI;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Component;

/** Writes Problem Details from places that run outside Spring MVC (filters, security handlers). */
@Component
public class ProblemResponses {
    private final ObjectMapper json;

    public ProblemResponses(ObjectMapper json) {
        this.json = json;
    }

    /** A Problem Details body with the request id attached, as every error of this API carries. */
    public static ProblemDetail problem(HttpStatus status, String detail, String path) {
        ProblemDetail p = ProblemDetail.forStatusAndDetail(status, detail);
        if (path != null) {
            p.setInstance(URI.create(path));
        }
        addRequestId(p);
        addJudge0Error(p, path);
        return p;
    }

    /**
     * Judge0 clients read the message of a refusal from an {@code error} member ({@code {"error": "..."}}); the
     * Judge0 API's Problem Details carry it too.
     */
    static void addJudge0Error(ProblemDetail p, String path) {
        if (path != null && path.startsWith("/judge0/") && p.getDetail() != null) {
            p.setProperty("error", p.getDetail());
        }
    }

    static void addRequestId(ProblemDetail p) {
        String id = MDC.get(RequestIdFilter.MDC_KEY);
        if (id != null) {
            p.setProperty("requestId", id);
        }
    }

    public void write(HttpServletRequest request, HttpServletResponse response, HttpStatus status, String detail)
            throws IOException {
        ProblemDetail p = problem(status, detail, request.getRequestURI());
        response.setStatus(status.value());
        response.setContentType(MediaType.APPLICATION_PROBLEM_JSON_VALUE);
        json.writeValue(response.getOutputStream(), p);
    }
}
