package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.judge.demo.support.Zips;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * Judge0's documentation, "Single-file programs and multi-file programs" and the attributes
 * {@code additional_files} (19) and {@code redirect_stderr_to_stdout} (16): an archive's files beside the source
 * for the compile step and the run, the Multi-file program (id 89) built and started by the archive's
 * {@code compile} and {@code run} scripts, stderr joined to stdout in the order written. Real programs, judged.
 */
abstract class Judge0DocFilesScenarios extends Judge0DocClient {
    /** Includes a header from the archive and reads a data file of the archive at run time. */
    static final String USES_FILES_C = "#include <stdio.h>\n#include \"lib/add.h\"\nint main(void){"
            + "FILE*f=fopen(\"data/in.txt\",\"r\");int a,b;fscanf(f,\"%d %d\",&a,&b);printf(\"%d\\n\",add(a,b));"
            + "return 0;}\n";

    private static ObjectNode withFiles(ObjectNode n, Zips zip) {
        return n.put("additional_files", b64(zip.bytes()));
    }

    @Test
    void additionalFilesAreThereForTheCompileStepAndTheRunAndNeverReplaceTheSource() {
        Zips zip = Zips.create().file("lib/add.h", "static int add(int a,int b){return a+b;}\n")
                .file("data/in.txt", "20 22\n").file("main.c", "this would not compile\n");
        byte[] archive = zip.bytes();
        JsonNode done = judged(submission(USES_FILES_C, 50).put("expected_output", "42\n")
                .put("additional_files", b64(archive)), "status,stdout,compile_output,additional_files");
        assertThat(status(done)).as(done.toString()).isEqualTo(3);
        // Judge0 reports the archive back, base64 as Ruby's encode64 writes it (lines of 60, each with a newline)
        String reported = done.path("additional_files").asText();
        assertThat(Base64.getMimeDecoder().decode(reported)).isEqualTo(archive);
        assertThat(reported).endsWith("\n").contains("\n");
    }

    @Test
    void aPythonModuleOfTheArchiveIsImportedByTheSource() {
        Zips zip = Zips.create().file("helper.py", "def greet(name):\n    return 'hello, ' + name\n");
        JsonNode done = judged(withFiles(submission("import helper\nprint(helper.greet(input()))\n", 71)
                .put("stdin", "Judge0").put("expected_output", "hello, Judge0\n"), zip), "status,stdout,stderr");
        assertThat(status(done)).as(done.toString()).isEqualTo(3);
    }

    @Test
    void aMultiFileProgramIsCompiledAndRunByItsOwnScripts() {
        Zips zip = Zips.create()
                .file("compile", "gcc -O2 -o app src/main.c src/twice.c\n")
                .file("run", "./greet.sh \"$(./app)\"\n")
                .executable("greet.sh", "#!/bin/bash\necho \"result: $1\"\n")
                .file("src/main.c", "#include <stdio.h>\nint twice(int);\nint main(void){int x;scanf(\"%d\",&x);"
                        + "printf(\"%d\",twice(x));return 0;}\n")
                .file("src/twice.c", "int twice(int x){return 2*x;}\n");
        JsonNode done = judged(withFiles(submission(null, 89).put("stdin", "21").put("expected_output",
                "result: 42\n"), zip), "status,stdout,stderr,compile_output,source_code,language");
        assertThat(status(done)).as(done.toString()).isEqualTo(3);
        assertThat(done.path("source_code").isNull()).isTrue();
        assertThat(done.path("language").path("name").asText()).isEqualTo("Multi-file program");

        // no compile script: nothing to compile; run.sh is preferred to run
        JsonNode interpreted = judged(withFiles(submission(null, 89).put("expected_output", "from run.sh\n"),
                Zips.create().file("run.sh", "echo from run.sh\n").file("run", "echo from run\n")), "status,stdout");
        assertThat(status(interpreted)).as(interpreted.toString()).isEqualTo(3);

        // a compile script that fails is a compilation error with its output
        JsonNode ce = judged(withFiles(submission(null, 89), Zips.create()
                .file("compile.sh", "echo broken >&2; exit 1\n").file("run", "true\n")), "status,compile_output");
        assertThat(status(ce)).as(ce.toString()).isEqualTo(6);
        assertThat(ce.path("compile_output").asText()).contains("broken");

        // without a run script bash cannot open run.sh: a runtime error (NZEC), as in Judge0
        JsonNode noRun = judged(withFiles(submission(null, 89), Zips.create().file("notes.txt", "x")),
                "status,stderr,exit_code");
        assertThat(status(noRun)).as(noRun.toString()).isEqualTo(11);
        assertThat(noRun.path("stderr").asText()).contains("run.sh");
    }

    @Test
    void aMultiFileProgramTakesNoSourceCodeAndNeedsItsArchive() {
        refused(withFiles(submission("print(1)", 89), Zips.create().file("run", "true\n")), "source_code",
                "must be blank");
        refused(submission(null, 89), "additional_files", "can't be blank");
        refused(submission(null, 89).put("compiler_options", "-O2")
                .put("additional_files", b64(Zips.create().file("run", "true\n").bytes())), "compiler_options",
                "only allowed for compiled languages");
    }

    @Test
    void theMultiFileProgramIsALanguageAsJudge0ListsIt() {
        JsonNode languages = judge0("GET", "/languages", null).json();
        assertThat(languages).anySatisfy(l -> {
            assertThat(l.path("id").asInt()).isEqualTo(89);
            assertThat(l.path("name").asText()).isEqualTo("Multi-file program");
        });
        JsonNode one = judge0("GET", "/languages/89", null).json();
        assertThat(one.path("name").asText()).isEqualTo("Multi-file program");
        assertThat(one.path("source_file").isNull()).isTrue();
        assertThat(one.path("compile_cmd").isNull()).isTrue();
        assertThat(one.path("run_cmd").isNull()).isTrue();
    }

    @Test
    void archivesPastTheCapsOrLeavingTheWorkDirAreRefusedWithTheReason() {
        ObjectNode c = submission(USES_FILES_C, 50);
        refused(c.deepCopy().put("additional_files", "%%% not base64"), "additional_files", "not valid base64");
        refused(c.deepCopy().put("additional_files", b64("not a zip")), "additional_files",
                "not a readable zip archive");
        refused(withFiles(c.deepCopy(), Zips.create().file("../escape.txt", "x")), "additional_files", "'..'");
        refused(withFiles(c.deepCopy(), Zips.create().file("/etc/passwd", "x")), "additional_files",
                "absolute path");
        refused(withFiles(c.deepCopy(), Zips.create().symlink("link", "/etc/passwd")), "additional_files",
                "symbolic link");
        Zips many = Zips.create();
        for (int i = 0; i < 51; i++) {
            many.file("f" + i, "x");
        }
        refused(withFiles(c.deepCopy(), many), "additional_files", "more than 50 entries");
        c.put("additional_files", b64(Zips.bomb(1024 * 1024)));
        refused(c, "additional_files", "inflates more than 100 times");
    }

    @Test
    void redirectStderrToStdoutJoinsTheStreamsInTheOrderWritten() {
        String py = "import sys\nfor i in range(3):\n    print('out', i, flush=True)\n"
                + "    print('err', i, file=sys.stderr, flush=True)\n";
        JsonNode joined = judged(submission(py, 71).put("redirect_stderr_to_stdout", true),
                "status,stdout,stderr,redirect_stderr_to_stdout");
        assertThat(status(joined)).as(joined.toString()).isEqualTo(3);
        assertThat(joined.path("stdout").asText()).isEqualTo("out 0\nerr 0\nout 1\nerr 1\nout 2\nerr 2\n");
        assertThat(joined.path("stderr").isNull()).isTrue();
        assertThat(joined.path("redirect_stderr_to_stdout").asBoolean()).isTrue();

        JsonNode apart = judged(submission(py, 71), "status,stdout,stderr,redirect_stderr_to_stdout");
        assertThat(apart.path("stdout").asText()).isEqualTo("out 0\nout 1\nout 2\n");
        assertThat(apart.path("stderr").asText()).isEqualTo("err 0\nerr 1\nerr 2\n");
        assertThat(apart.path("redirect_stderr_to_stdout").asBoolean()).isFalse();
    }
}
