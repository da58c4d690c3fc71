package dev.judge.demo.problem;

import dev.judge.demo.auth.AuthenticatedUser;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;

/** Problems: any account reads, ADMIN writes (enforced in the security configuration). */
@RestController
@RequestMapping("/api/v1/problems")
@Tag(name = "problems", description = "Problems: statement, limits, comparator")
public class ProblemController {
    private final ProblemService service;

    public ProblemController(ProblemService service) {
        this.service = service;
    }

    @GetMapping
    @Operation(summary = "List problems, a page at a time")
    public ProblemPage list(@RequestParam(defaultValue = "0") @Min(0) @Max(1_000_000) int page,
            @RequestParam(defaultValue = "20") @Min(1) @Max(100) int size) {
        return service.page(page, size);
    }

    @GetMapping("/{id}")
    @Operation(summary = "One problem")
    public ProblemView get(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        return service.view(id, user.isAdmin());
    }

    @PostMapping
    @Operation(summary = "Create a problem (ADMIN)")
    public ResponseEntity<ProblemView> create(@Valid @RequestBody ProblemRequest request) {
        ProblemView created = service.create(request);
        return ResponseEntity.created(URI.create("/api/v1/problems/" + created.id())).body(created);
    }

    @PutMapping("/{id}")
    @Operation(summary = "Replace a problem's title, statement, limits and comparator (ADMIN); tests stay")
    public ProblemView replace(@PathVariable long id, @Valid @RequestBody ProblemRequest request) {
        return service.replace(id, request);
    }

    @DeleteMapping("/{id}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete a problem and its tests (ADMIN)")
    public void delete(@PathVariable long id) {
        service.delete(id);
    }
}
