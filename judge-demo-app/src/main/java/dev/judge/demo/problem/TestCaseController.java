package dev.judge.demo.problem;

import dev.judge.core.model.TestCase;
import dev.judge.demo.auth.AuthenticatedUser;
import dev.judge.demo.problem.archive.TestArchiveReader;
import dev.judge.demo.web.ApiException;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import io.swagger.v3.oas.annotations.tags.Tag;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.validation.Valid;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.core.annotation.AuthenticationPrincipal;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RequestPart;
import org.springframework.web.bind.annotation.ResponseStatus;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.multipart.MultipartFile;

/**
 * Test cases of a problem. Administrators see and change all of them; other accounts see public tests only,
 * and a hidden test is "not found" for them.
 */
@RestController
@RequestMapping("/api/v1/problems/{id}/tests")
@Tag(name = "tests", description = "Test cases: one by one, or all at once from a zip archive")
public class TestCaseController {
    private static final String ZIP = "application/zip";
    private final ProblemService service;
    private final TestArchiveReader archives;

    public TestCaseController(ProblemService service, TestArchiveReader archives) {
        this.service = service;
        this.archives = archives;
    }

    @GetMapping
    @Operation(summary = "The tests the caller may see, without data")
    public List<TestSummary> list(@PathVariable long id, @AuthenticationPrincipal AuthenticatedUser user) {
        return service.tests(id, user);
    }

    @GetMapping("/{name}")
    @Operation(summary = "One test with its data as text")
    public TestCaseView get(@PathVariable long id, @PathVariable String name,
            @AuthenticationPrincipal AuthenticatedUser user) {
        return TestCaseView.of(service.test(id, name, user));
    }

    @GetMapping(path = "/{name}/input", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "A test's input, raw bytes")
    public byte[] input(@PathVariable long id, @PathVariable String name,
            @AuthenticationPrincipal AuthenticatedUser user) {
        return service.test(id, name, user).input();
    }

    @GetMapping(path = "/{name}/output", produces = MediaType.APPLICATION_OCTET_STREAM_VALUE)
    @Operation(summary = "A test's expected output, raw bytes")
    public ResponseEntity<byte[]> output(@PathVariable long id, @PathVariable String name,
            @AuthenticationPrincipal AuthenticatedUser user) {
        TestCase test = service.test(id, name, user);
        if (test.expectedOutput() == null) {
            throw ApiException.notFound("test '" + name + "' has no expected output");
        }
        return ResponseEntity.ok().contentType(MediaType.APPLICATION_OCTET_STREAM).body(test.expectedOutput());
    }

    @PutMapping(path = "/{name}", consumes = MediaType.APPLICATION_JSON_VALUE)
    @Operation(summary = "Create or replace one test (ADMIN)")
    public TestSummary put(@PathVariable long id, @PathVariable String name,
            @Valid @RequestBody TestCaseRequest request) {
        return service.putTest(id, name, request);
    }

    @DeleteMapping("/{name}")
    @ResponseStatus(HttpStatus.NO_CONTENT)
    @Operation(summary = "Delete one test (ADMIN)")
    public void delete(@PathVariable long id, @PathVariable String name) {
        service.deleteTest(id, name);
    }

    @PutMapping(consumes = MediaType.MULTIPART_FORM_DATA_VALUE)
    @Operation(summary = "Replace all tests from a zip archive sent as the multipart part 'file' (ADMIN)")
    public List<TestSummary> uploadMultipart(@PathVariable long id, @RequestPart("file") MultipartFile file,
            @Parameter(description = "flat layout only: whether the tests are hidden (a Kattis package says it)")
            @RequestParam(defaultValue = "true") boolean hidden) throws IOException {
        service.requireProblem(id);
        try (InputStream in = file.getInputStream()) {
            return fromArchive(id, in, hidden);
        }
    }

    @PutMapping(consumes = {ZIP, MediaType.APPLICATION_OCTET_STREAM_VALUE})
    @Operation(summary = "Replace all tests from a zip archive sent as the request body (ADMIN)")
    @io.swagger.v3.oas.annotations.parameters.RequestBody(required = true, content = @Content(mediaType = ZIP,
            schema = @Schema(type = "string", format = "binary")))
    public List<TestSummary> uploadRaw(@PathVariable long id, HttpServletRequest request,
            @Parameter(description = "flat layout only: whether the tests are hidden (a Kattis package says it)")
            @RequestParam(defaultValue = "true") boolean hidden) throws IOException {
        service.requireProblem(id);
        try (InputStream in = request.getInputStream()) {
            return fromArchive(id, in, hidden);
        }
    }

    private List<TestSummary> fromArchive(long id, InputStream in, boolean hidden) throws IOException {
        Path spool = Files.createTempFile("judge-tests-", ".zip");
        try {
            Files.copy(in, spool, StandardCopyOption.REPLACE_EXISTING);
            return service.replaceTests(id, archives.read(spool, hidden));
        } finally {
            Files.deleteIfExists(spool);
        }
    }
}
