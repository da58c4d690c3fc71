package dev.judge.demo.problem.importing;

import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/** Problem packages imported as new problems (ADMIN, as every write under /api/v1/problems). */
@RestController
@RequestMapping("/api/v1/problems/import")
@Tag(name = "problems")
public class PackageImportController {
    private static final String ZIP = "application/zip";
    private final PackageImporter importer;

    public PackageImportController(PackageImporter importer) {
        this.importer = importer;
    }

    @PostMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Create a problem from a zipped problem package (Kattis, DOMjudge, Polygon, DMOJ) sent as"
            + " the multipart part 'file' (ADMIN); answers with the import report")
    public ResponseEntity<ImportResult> importMultipart(@RequestPart("file") MultipartFile file) throws IOException {
        return created(importer.importZip(file.getBytes()));
    }

    @PostMapping(consumes = {ZIP, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Create a problem from a zipped problem package sent as the request body (ADMIN);"
            + " answers with the import report")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ZIP,
            schema = @Schema(type = "string", format = "binary")))
    public ResponseEntity<ImportResult> importRaw(HttpServletRequest request) throws IOException {
        // read here, so a body past the size cap is the filter's 413 and not a refusal of the package
        try (InputStream in = request.getInputStream()) {
            return created(importer.importZip(in.readAllBytes()));
        }
    }

    private static ResponseEntity<ImportResult> created(ImportResult result) {
        return ResponseEntity.created(URI.create("/api/v1/problems/" + result.problemId())).body(result);
    }
}
