package dev.judge.demo.judge0;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.judge.demo.web.ApiException;

/** Judge0 CE 1.13's submission endpoints under {@code /judge0}. */
@RestController
@RequestMapping("/judge0/submissions")
@Tag(name = "judge0", description = "Judge0 CE 1.13-compatible API")
public class Judge0Controller {
    /** Judge0's {@code Submission.per_page}. */
    static final int DEFAULT_PER_PAGE = 20;
    static final int MAX_PER_PAGE = 1000;
    private final Judge0Service service;
    private final Judge0Properties properties;
    private final Judge0Languages languages;

    Judge0Controller(Judge0Service service, Judge0Properties properties, Judge0Languages languages) {
        this.service = service;
        this.properties = properties;
        this.languages = languages;
    }

    /** Judge0's maintenance mode: no submission is created or deleted, reads go on. */
    private void refuseDuringMaintenance() {
        if (properties.maintenanceMode()) {
            throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, properties.maintenanceMessage());
        }
    }

    private Map<String, Object> named(Map<String, Object> view) {
        return Judge0Views.named(view, id -> languages.find(id).map(Judge0Languages::name).orElse(null));
    }

    @PostMapping
    @Operation(summary = "Create a submission: 201 {token}, or the submission when wait=true")
    public ResponseEntity<Map<String, Object>> create(@RequestBody Judge0Request request,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(defaultValue = "false") boolean wait,
            @RequestParam(required = false) String fields) {
        refuseDuringMaintenance();
        Judge0Views.checkFields(fields); // before anything is created, as Judge0 checks them
        String token = service.create(request, base64);
        if (wait) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Judge0Views.select(named(service.awaitView(token)), fields, base64));
        }
        return ResponseEntity.created(URI.create("/judge0/submissions/" + token)).body(Map.of("token", token));
    }

    /** Judge0's {@code authorize_request}: the {@code X-Auth-User} header must be one of the authorization tokens. */
    private void authorize(String user) {
        List<String> tokens = properties.authzTokens();
        if (tokens.isEmpty()) {
            throw new ApiException(HttpStatus.FORBIDDEN,
                    "listing submissions needs an authorization token (judge.judge0.authz-token) on the server");
        }
        byte[] given = user == null ? new byte[0] : user.trim().getBytes(StandardCharsets.UTF_8);
        boolean ok = false;
        for (String t : tokens) {
            ok |= MessageDigest.isEqual(t.getBytes(StandardCharsets.UTF_8), given);
        }
        if (!ok) {
            throw new ApiException(HttpStatus.FORBIDDEN, "a valid X-Auth-User header is required");
        }
    }

    @GetMapping
    @Operation(summary = "Every submission, newest first, paginated (page, per_page=20) with meta; needs X-Auth-User")
    public Map<String, Object> index(@RequestHeader(name = "X-Auth-User", required = false) String user,
            @RequestParam(required = false) String page,
            @RequestParam(name = "per_page", required = false) String perPage,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(required = false) String fields) {
        authorize(user);
        Judge0Views.checkFields(fields);
        int p = page == null ? 1 : rubyToI(page);
        int pp = perPage == null ? DEFAULT_PER_PAGE : rubyToI(perPage);
        if (p <= 0) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid page: " + p);
        }
        // Judge0 refuses a negative per_page; 0 would divide by zero in will_paginate, and a bound keeps one
        // answer from holding every submission there is
        if (pp <= 0 || pp > MAX_PER_PAGE) {
            throw new ApiException(HttpStatus.BAD_REQUEST, "invalid per_page: " + pp);
        }
        Judge0Page result = service.index(p, pp);
        Map<String, Object> meta = new LinkedHashMap<>();
        meta.put("current_page", result.currentPage());
        meta.put("next_page", result.nextPage());
        meta.put("prev_page", result.prevPage());
        meta.put("total_pages", result.totalPages());
        meta.put("total_count", result.totalCount());
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissions", result.submissions().stream().map(v -> Judge0Views.select(named(v), fields, base64))
                .toList());
        body.put("meta", meta);
        return body;
    }

    /** Ruby's {@code String#to_i}: the leading integer, 0 without one (Judge0 reads page and per_page so). */
    static int rubyToI(String s) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("^\\s*([+-]?\\d+)").matcher(s);
        if (!m.find()) {
            return 0;
        }
        try {
            return Integer.parseInt(m.group(1));
        } catch (NumberFormatException e) {
            return m.group(1).startsWith("-") ? Integer.MIN_VALUE : Integer.MAX_VALUE;
        }
    }

    @GetMapping("/{token}")
    @Operation(summary = "A submission; fields=a,b or *; base64_encoded")
    public Map<String, Object> get(@PathVariable String token,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(required = false) String fields) {
        Judge0Views.checkFields(fields);
        return Judge0Views.select(named(service.view(token)), fields, base64);
    }

    @DeleteMapping("/{token}")
    @Operation(summary = "Delete a finished submission; answers with it, base64-encoded as Judge0 does")
    public Map<String, Object> delete(@PathVariable String token,
            @RequestParam(required = false) String fields) {
        refuseDuringMaintenance();
        Judge0Views.checkFields(fields);
        // Judge0 forces base64 here: the deleted text may not be valid UTF-8 and there is no second chance
        return Judge0Views.select(named(service.delete(token)), fields, true);
    }

    @PostMapping("/batch")
    @Operation(summary = "Create several: [{token} or {field: [message]}] in order")
    public ResponseEntity<List<Map<String, Object>>> createBatch(@RequestBody Judge0BatchRequest request,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64) {
        refuseDuringMaintenance();
        List<Judge0Request> items = request.submissions();
        if (items == null || items.isEmpty()) {
            throw ApiException.invalid("submissions", "must hold at least one submission");
        }
        if (items.size() > properties.maxBatchSize()) {
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "the batch is too large", List.of(
                    new dev.judge.demo.web.FieldProblem("submissions", "must hold at most " + properties.maxBatchSize()
                            + " submissions")));
        }
        List<Map<String, Object>> out = new ArrayList<>();
        boolean anyCreated = false;
        for (Judge0Service.Created created : service.createAll(items, base64)) {
            if (created.token() != null) {
                out.add(Map.of("token", created.token()));
                anyCreated = true;
                continue;
            }
            Map<String, Object> errors = new LinkedHashMap<>();
            created.refusal().errors().forEach(f -> errors.put(f.field(), List.of(f.message())));
            if (errors.isEmpty()) {
                errors.put("error", List.of(created.refusal().getMessage()));
            }
            out.add(errors);
        }
        // as Judge0: 201 when at least one was created, 422 when every one was refused
        return ResponseEntity.status(anyCreated ? HttpStatus.CREATED : HttpStatus.UNPROCESSABLE_ENTITY).body(out);
    }

    @GetMapping("/batch")
    @Operation(summary = "Several submissions by token (tokens=a,b); unknown tokens are null")
    public Map<String, Object> getBatch(@RequestParam String tokens,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(required = false) String fields) {
        Judge0Views.checkFields(fields);
        List<String> list = Arrays.stream(tokens.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty() || list.size() > properties.maxBatchSize()) {
            throw ApiException.invalid("tokens", "must name between 1 and " + properties.maxBatchSize() + " tokens");
        }
        List<Map<String, Object>> submissions = new ArrayList<>();
        for (String token : list) {
            Map<String, Object> view = service.viewOrNull(token);
            submissions.add(view == null ? null : Judge0Views.select(named(view), fields, base64));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissions", submissions);
        return body;
    }
}
