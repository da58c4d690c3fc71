package dev.judge.demo.problem.importing;

import dev.judge.core.problem.ExportedPackage;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Verification and export of problems as packages (ADMIN). */
@RestController
@RequestMapping("/api/v1/problems/{id}")
@Tag(name = "problems")
public class PackageVerificationController {
    private final PackageVerification verification;
    private final PackageImporter importer;
    private final PackageExporter exporter;

    public PackageVerificationController(PackageVerification verification, PackageImporter importer,
            PackageExporter exporter) {
        this.verification = verification;
        this.importer = importer;
        this.exporter = exporter;
    }

    @GetMapping(value = "/export", produces = "application/zip")
    @Operation(summary = "The problem as a Kattis package zip (problemtools' legacy layout), which the importer reads"
            + " back (ADMIN); the header Judge-Export-Omitted lists what the format cannot hold")
    public ResponseEntity<byte[]> export(@PathVariable long id) {
        ExportedPackage exported = exporter.export(id);
        ResponseEntity.BodyBuilder ok = ResponseEntity.ok().contentType(MediaType.parseMediaType("application/zip"))
                .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"problem-" + id + ".zip\"");
        if (!exported.omitted().isEmpty()) {
            ok.header("Judge-Export-Omitted", String.join("; ", exported.omitted()).replaceAll("[^\\x20-\\x7e]", "?"));
        }
        return ok.body(exported.zip());
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
