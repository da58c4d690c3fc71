package dev.judge.demo.web;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.JudgeBusyException;
import dev.judge.core.queue.QueueException;
import dev.judge.core.store.StoreException;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.groupcommit.GroupCommitException;
import jakarta.validation.ConstraintViolationException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.lang.Nullable;
import org.springframework.validation.BindingResult;
import org.springframework.web.bind.MethodArgumentNotValidException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.context.request.WebRequest;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.method.annotation.HandlerMethodValidationException;
import org.springframework.web.multipart.MaxUploadSizeExceededException;
import org.springframework.web.multipart.MultipartException;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.springframework.web.servlet.mvc.method.annotation.ResponseEntityExceptionHandler;

/**
 * Turns every error into RFC 9457 Problem Details. Field-level problems go into an {@code errors} array of
 * {@code {field, message}}; the request id is attached. Anything unexpected is a 500 without internals.
 */
@RestControllerAdvice
public class ApiExceptionHandler extends ResponseEntityExceptionHandler {
    private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);
    private final Duration retryAfter;

    public ApiExceptionHandler(DemoProperties properties) {
        this.retryAfter = properties.retryAfter();
    }

    @ExceptionHandler(ApiException.class)
    ResponseEntity<Object> api(ApiException e, WebRequest request) {
        return problem(e.status(), e.getMessage(), e.errors(), request);
    }

    @ExceptionHandler(InvalidSubmissionException.class)
    ResponseEntity<Object> invalidModel(InvalidSubmissionException e, WebRequest request) {
        String message = e.getMessage().startsWith(e.field() + ": ")
                ? e.getMessage().substring(e.field().length() + 2) : e.getMessage();
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields",
                List.of(new FieldProblem(e.field(), message)), request);
    }

    @ExceptionHandler(TooManyRequestsException.class)
    ResponseEntity<Object> tooMany(TooManyRequestsException e, WebRequest request) {
        ResponseEntity<Object> r = problem(HttpStatus.TOO_MANY_REQUESTS, e.getMessage(), List.of(), request);
        return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, Long.toString(e.retryAfterSeconds())).body(r.getBody());
    }

    /** Every slot busy and the judge's waiting line full (synchronous runs): the same 429 as a full queue. */
    @ExceptionHandler(JudgeBusyException.class)
    ResponseEntity<Object> busy(JudgeBusyException e, WebRequest request) {
        return tooMany(new TooManyRequestsException("the judge is busy; retry later", retryAfter), request);
    }

    @ExceptionHandler(GroupCommitException.class)
    ResponseEntity<Object> notStored(GroupCommitException e, WebRequest request) {
        log.warn("submission not stored: {}", e.getMessage());
        ResponseEntity<Object> r = problem(HttpStatus.SERVICE_UNAVAILABLE,
                "the submission was not stored (its database write failed); retry later", List.of(), request);
        return ResponseEntity.status(r.getStatusCode()).headers(r.getHeaders())
                .header(HttpHeaders.RETRY_AFTER, "1").body(r.getBody());
    }

    @ExceptionHandler({QueueException.class, StoreException.class})
    ResponseEntity<Object> unavailable(RuntimeException e, WebRequest request) {
        log.warn("judge queue or store unavailable: {}", e.toString());
        return problem(HttpStatus.SERVICE_UNAVAILABLE, "the judge's queue or result store is unavailable; retry later",
                List.of(), request);
    }

    @ExceptionHandler(PayloadTooLargeException.class)
    ResponseEntity<Object> tooLarge(PayloadTooLargeException e, WebRequest request) {
        return problem(HttpStatus.PAYLOAD_TOO_LARGE, e.getMessage(), List.of(), request);
    }

    /** A body that says multipart but is not (or has no boundary): the client's fault, whatever endpoint it hit. */
    @ExceptionHandler(MultipartException.class)
    ResponseEntity<Object> badMultipart(MultipartException e, WebRequest request) {
        if (e instanceof MaxUploadSizeExceededException) {
            return problem(HttpStatus.PAYLOAD_TOO_LARGE, "the multipart request is larger than allowed", List.of(),
                    request);
        }
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge, request);
            }
        }
        return problem(HttpStatus.BAD_REQUEST, "the request body is not valid multipart/form-data", List.of(),
                request);
    }

    /** The firewall's lazy checks (parameter names and values read from a form body) fail inside Spring MVC. */
    @ExceptionHandler(RequestRejectedException.class)
    ResponseEntity<Object> rejected(RequestRejectedException e, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "the request was rejected as malformed", List.of(), request);
    }

    @ExceptionHandler(DuplicateKeyException.class)
    ResponseEntity<Object> duplicate(DuplicateKeyException e, WebRequest request) {
        return problem(HttpStatus.CONFLICT, "this conflicts with an existing resource", List.of(), request);
    }

    @ExceptionHandler(MethodArgumentTypeMismatchException.class)
    ResponseEntity<Object> typeMismatch(MethodArgumentTypeMismatchException e, WebRequest request) {
        String type = e.getRequiredType() == null ? "another type" : e.getRequiredType().getSimpleName();
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields",
                List.of(new FieldProblem(e.getName(), "must be of type " + type + ", was '" + e.getValue() + "'")),
                request);
    }

    @ExceptionHandler(ConstraintViolationException.class)
    ResponseEntity<Object> constraintViolation(ConstraintViolationException e, WebRequest request) {
        List<FieldProblem> errors = e.getConstraintViolations().stream()
                .map(v -> new FieldProblem(lastNode(v.getPropertyPath().toString()), v.getMessage())).toList();
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields", errors, request);
    }

    private static String lastNode(String path) {
        int dot = path.indexOf('.');
        return dot < 0 ? path : path.substring(dot + 1);
    }

    @ExceptionHandler(Exception.class)
    ResponseEntity<Object> unexpected(Exception e, WebRequest request) {
        log.error("unexpected error", e);
        return problem(HttpStatus.INTERNAL_SERVER_ERROR, "internal error; the request id identifies it in the logs",
                List.of(), request);
    }

    @Override
    protected ResponseEntity<Object> handleHttpMessageNotReadable(HttpMessageNotReadableException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof PayloadTooLargeException tooLarge) {
                return tooLarge(tooLarge, request);
            }
        }
        Throwable cause = e.getCause();
        if (cause instanceof UnrecognizedPropertyException u) {
            return badField(path(u), "is not a known field", request);
        }
        if (cause instanceof InvalidFormatException f) {
            return badField(path(f), "cannot take the value " + describe(f.getValue()) + " (expected "
                    + f.getTargetType().getSimpleName() + ")", request);
        }
        if (cause instanceof MismatchedInputException m && !m.getPath().isEmpty()) {
            String expected = m.getTargetType() == null ? "another type" : m.getTargetType().getSimpleName();
            return badField(path(m), "has the wrong type (expected " + expected + ")", request);
        }
        if (cause instanceof JsonMappingException m && m.getCause() instanceof InvalidSubmissionException invalid) {
            return invalidModel(invalid, request);
        }
        if (cause instanceof JsonProcessingException p) {
            String where = p.getLocation() == null ? ""
                    : " at line " + p.getLocation().getLineNr() + ", column " + p.getLocation().getColumnNr();
            return problem(HttpStatus.BAD_REQUEST, "the request body is not valid JSON" + where, List.of(), request);
        }
        return problem(HttpStatus.BAD_REQUEST, "the request body is missing or unreadable", List.of(), request);
    }

    @Override
    protected ResponseEntity<Object> handleMethodArgumentNotValid(MethodArgumentNotValidException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields", fieldProblems(e.getBindingResult()),
                request);
    }

    @Override
    protected ResponseEntity<Object> handleHandlerMethodValidationException(HandlerMethodValidationException e,
            HttpHeaders headers, HttpStatusCode status, WebRequest request) {
        List<FieldProblem> errors = new ArrayList<>();
        e.getParameterValidationResults().forEach(r -> r.getResolvableErrors().forEach(err -> errors.add(
                new FieldProblem(r.getMethodParameter().getParameterName(), err.getDefaultMessage()))));
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields", errors, request);
    }

    @Override
    protected ResponseEntity<Object> handleExceptionInternal(Exception e, @Nullable Object body, HttpHeaders headers,
            HttpStatusCode status, WebRequest request) {
        if (body instanceof ProblemDetail p) {
            ProblemResponses.addRequestId(p);
            if (p.getInstance() == null) {
                p.setInstance(java.net.URI.create(path(request)));
            }
            ProblemResponses.addJudge0Error(p, path(request));
        }
        return super.handleExceptionInternal(e, body, headers, status, request);
    }

    private ResponseEntity<Object> badField(String field, String message, WebRequest request) {
        return problem(HttpStatus.BAD_REQUEST, "the request has invalid fields",
                List.of(new FieldProblem(field, message)), request);
    }

    private ResponseEntity<Object> problem(HttpStatus status, String detail, List<FieldProblem> errors,
            WebRequest request) {
        ProblemDetail p = ProblemResponses.problem(status, detail, path(request));
        if (!errors.isEmpty()) {
            p.setProperty("errors", errors);
        }
        return ResponseEntity.status(status).contentType(org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON)
                .body(p);
    }

    private static List<FieldProblem> fieldProblems(BindingResult result) {
        List<FieldProblem> errors = new ArrayList<>();
        result.getFieldErrors().forEach(f -> errors.add(new FieldProblem(f.getField(), f.getDefaultMessage())));
        result.getGlobalErrors().forEach(g -> errors.add(new FieldProblem(g.getObjectName(), g.getDefaultMessage())));
        return errors;
    }

    /** {@code limits.processes}, {@code sources[1].name}: the JSON path of a Jackson error. */
    static String path(JsonMappingException e) {
        StringBuilder sb = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() != null) {
                if (!sb.isEmpty()) {
                    sb.append('.');
                }
                sb.append(r.getFieldName());
            } else if (r.getIndex() >= 0) {
                sb.append('[').append(r.getIndex()).append(']');
            }
        }
        return sb.isEmpty() ? "body" : sb.toString();
    }

    private static String describe(Object value) {
        String s = String.valueOf(value);
        return "'" + (s.length() > 40 ? s.substring(0, 40) + "..." : s) + "'";
    }

    private static String path(WebRequest request) {
        if (request instanceof ServletWebRequest s) {
            return s.getRequest().getRequestURI();
        }
        if (request instanceof NativeWebRequest) {
            return request.getDescription(false).replaceFirst("^uri=", "");
        }
        return "/";
    }
}
