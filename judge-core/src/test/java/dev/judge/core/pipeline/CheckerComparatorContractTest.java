package dev.judge.core.pipeline;

import dev.judge.core.compare.OutputComparator;
import dev.judge.core.compare.tck.OutputComparatorContract;
import dev.judge.core.language.Language;
import dev.judge.core.language.Languages;
import dev.judge.core.model.Limits;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.testsupport.ProcessSandbox;
import dev.judge.core.testsupport.RequiredParts;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/** A checker program, run in a sandbox with the testlib protocol, held to the same TCK as the built-in rules. */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class CheckerComparatorContractTest extends OutputComparatorContract {

    // Byte-for-byte, so that identical invalid UTF-8 is accepted as the TCK asks.
    private static final String CHECKER = """
            import sys
            out = open(sys.argv[2], 'rb').read()
            ans = open(sys.argv[3], 'rb').read()
            if out == ans:
                sys.exit(0)
            sys.stderr.write('expected %d bytes, found %d differing bytes' % (len(ans), len(out)))
            sys.exit(1)
            """;

    private ProcessSandbox sandbox;
    private OutputComparator checker;

    @BeforeAll
    void startChecker() {
        RequiredParts.require(ProcessSandbox.usable(), "GNU time and prlimit for the test process runner");
        sandbox = new ProcessSandbox();
        Language python = Languages.defaults().find("python3").orElseThrow();
        checker = new CheckerComparator(sandbox, python,
                List.of(SandboxFile.of(python.sourceFile(), CHECKER.getBytes(StandardCharsets.UTF_8))),
                Limits.defaults(), 4096);
    }

    @AfterAll
    void stop() {
        if (sandbox != null) {
            sandbox.close();
        }
    }

    @Override
    protected OutputComparator comparator() {
        return checker;
    }
}
