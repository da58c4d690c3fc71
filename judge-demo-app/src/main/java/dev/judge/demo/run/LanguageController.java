package dev.judge.demo.run;

import dev.judge.core.judge.Judge;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.util.List;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;

/** The judge's languages, probed through the sandbox (the first call may take a moment). */
@RestController
@Tag(name = "languages")
public class LanguageController {
    private final Judge judge;

    public LanguageController(Judge judge) {
        this.judge = judge;
    }

    @GetMapping("/api/v1/languages")
    @Operation(summary = "Languages, their versions and availability")
    public List<LanguageView> languages() {
        return judge.languages().stream().map(LanguageView::of).toList();
    }
}
