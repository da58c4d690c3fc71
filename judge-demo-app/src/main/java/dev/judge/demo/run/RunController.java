package dev.judge.demo.run;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.validation.Valid;
import java.util.List;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Runs on custom input, answered when done (no queue). */
@RestController
@RequestMapping("/api/v1/runs")
@Tag(name = "runs", description = "Run a program on custom input")
public class RunController {
    private final RunService service;

    public RunController(RunService service) {
        this.service = service;
    }

    @PostMapping
    @Operation(summary = "Compile and run once on the given stdin")
    public RunView run(@Valid @RequestBody RunRequest request) {
        return service.run(request);
    }

    @PostMapping("/batch")
    @Operation(summary = "Compile once, run on each stdin in parallel; results in the inputs' order")
    public List<RunView> batch(@Valid @RequestBody BatchRunRequest request) {
        return service.batch(request);
    }
}
