package dev.judge.demo.judge0;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.net.URI;
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
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import dev.judge.demo.web.ApiException;

/** Judge0 CE 1.13's submission endpoints under {@code /judge0}. */
@RestController
@RequestMapping("/judge0/submissions")
@Tag(name = "judge0", description = "Judge0 CE 1.13-compatible API")
public class Judge0Controller {
    private final Judge0Service service;
    private final Judge0Properties properties;

    Judge0Controller(Judge0Service service, Judge0Properties properties) {
        this.service = service;
        this.properties = properties;
    }

    @PostMapping
    @Operation(summary = "Create a submission: 201 {token}, or the submission when wait=true")
    public ResponseEntity<Map<String, Object>> create(@RequestBody Judge0Request request,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(defaultValue = "false") boolean wait,
            @RequestParam(required = false) String fields) {
        String token = service.create(request, base64);
        if (wait) {
            return ResponseEntity.status(HttpStatus.CREATED)
                    .body(Judge0Views.select(service.awaitView(token), fields, base64));
        }
        return ResponseEntity.created(URI.create("/judge0/submissions/" + token)).body(Map.of("token", token));
    }

    @GetMapping("/{token}")
    @Operation(summary = "A submission; fields=a,b or *; base64_encoded")
    public Map<String, Object> get(@PathVariable String token,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(required = false) String fields) {
        return Judge0Views.select(service.view(token), fields, base64);
    }

    @DeleteMapping("/{token}")
    @Operation(summary = "Delete a finished submission; answers with it")
    public Map<String, Object> delete(@PathVariable String token,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(required = false) String fields) {
        return Judge0Views.select(service.delete(token), fields, base64);
    }

    @PostMapping("/batch")
    @Operation(summary = "Create several: [{token} or {field: [message]}] in order")
    public ResponseEntity<List<Map<String, Object>>> createBatch(@RequestBody Judge0BatchRequest request,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64) {
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
        for (Judge0Request item : items) {
            try {
                out.add(Map.of("token", service.create(item, base64)));
            } catch (ApiException e) {
                if (e.status() == HttpStatus.TOO_MANY_REQUESTS) {
                    throw e;
                }
                Map<String, Object> errors = new LinkedHashMap<>();
                e.errors().forEach(f -> errors.put(f.field(), List.of(f.message())));
                if (errors.isEmpty()) {
                    errors.put("error", List.of(e.getMessage()));
                }
                out.add(errors);
            }
        }
        return ResponseEntity.status(HttpStatus.CREATED).body(out);
    }

    @GetMapping("/batch")
    @Operation(summary = "Several submissions by token (tokens=a,b); unknown tokens are null")
    public Map<String, Object> getBatch(@RequestParam String tokens,
            @RequestParam(name = "base64_encoded", defaultValue = "false") boolean base64,
            @RequestParam(required = false) String fields) {
        List<String> list = Arrays.stream(tokens.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
        if (list.isEmpty() || list.size() > properties.maxBatchSize()) {
            throw ApiException.invalid("tokens", "must name between 1 and " + properties.maxBatchSize() + " tokens");
        }
        List<Map<String, Object>> submissions = new ArrayList<>();
        for (String token : list) {
            Map<String, Object> view = service.viewOrNull(token);
            submissions.add(view == null ? null : Judge0Views.select(view, fields, base64));
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("submissions", submissions);
        return body;
    }
}
