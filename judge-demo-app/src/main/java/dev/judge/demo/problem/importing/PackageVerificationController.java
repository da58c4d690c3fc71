package dev.judge.demo.problem.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification of problems imported from packages (ADMIN, as every write under /api/v1/problems). */
@RestController
@RequestMapping("/api/v1/problems/{id}")
@Tag(name = "problems")
public class PackageVerificationController {
    private final PackageVerification verification;
    private final PackageImporter importer;

    public PackageVerificationController(PackageVerification verification, PackageImporter importer) {
        this.verification = verification;
        this.importer = importer;
    }

    @PostMapping("/verify")
    @Operation(summary = "Judge the example submissions of the problem's package again under its current limits"
            + " and answer expected against obtained verdicts (ADMIN)")
    public VerificationView verify(@PathVariable long id) {
        return verification.verifyAgain(id, importer.reader());
    }

    @GetMapping("/verification")
    @Operation(summary = "The last verification of a problem imported from a package (ADMIN)")
    public VerificationView last(@PathVariable long id) {
        return verification.last(id);
    }
}
