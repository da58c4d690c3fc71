package dev.judge.demo.plagiarism;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/** Plagiarism reports (ADMIN): started per problem or per contest, read when done. */
@RestController
@Tag(name = "plagiarism", description = "Pairs of suspiciously similar submissions (winnowing fingerprints)")
public class PlagiarismController {
    private final PlagiarismService service;

    PlagiarismController(PlagiarismService service) {
        this.service = service;
    }

    @PostMapping("/api/v1/problems/{id}/plagiarism")
    @Operation(summary = "Compare the submissions of a problem in the background (ADMIN)")
    public ResponseEntity<PlagiarismReport> problem(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.forProblem(id));
    }

    @PostMapping("/api/v1/contests/{id}/plagiarism")
    @Operation(summary = "Compare the submissions of each problem of a contest in the background (ADMIN)")
    public ResponseEntity<PlagiarismReport> contest(@PathVariable long id) {
        return ResponseEntity.status(HttpStatus.ACCEPTED).body(service.forContest(id));
    }

    @GetMapping("/api/v1/plagiarism/{id}")
    @Operation(summary = "A report: RUNNING, then DONE with the pairs, most similar first, and matching lines (ADMIN)")
    public PlagiarismReport report(@PathVariable long id) {
        return service.report(id);
    }
}
