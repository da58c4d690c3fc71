package dev.judge.demo;

import dev.judge.autoconfigure.JudgeProperties;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stops the start when the server's caps on problems and sources ({@code judge.demo.caps}) pass the judge's own
 * ({@code judge.caps}): a problem could then be given more tests or test data than any submission to it may
 * carry, and every submission to it would be refused. By default the server's caps are the judge's.
 */
@Component
class CapsAgreement {

    CapsAgreement(DemoProperties demo, JudgeProperties judge) {
        List<String> conflicts = conflicts(demo.caps(), judge.caps());
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("the server's caps pass the judge's, so problems could be made that "
                    + "are never judged: " + String.join("; ", conflicts)
                    + " (lower the server's cap, or raise the judge's)");
        }
    }

    /** Each cap of {@code demo} that passes its counterpart in {@code judge}, named by both properties. */
    static List<String> conflicts(DemoProperties.Caps demo, JudgeProperties.Caps judge) {
        List<String> conflicts = new ArrayList<>();
        if (demo.maxTests() > judge.maxTests()) {
            conflicts.add("judge.demo.caps.max-tests (" + demo.maxTests() + ") is more than judge.caps.max-tests ("
                    + judge.maxTests() + ")");
        }
        if (demo.maxTestData().toBytes() > judge.maxTestDataSize().toBytes()) {
            conflicts.add("judge.demo.caps.max-test-data (" + demo.maxTestData().toBytes() + " bytes) is more than "
                    + "judge.caps.max-test-data-size (" + judge.maxTestDataSize().toBytes() + " bytes)");
        }
        if (demo.maxSourceSize().toBytes() > judge.maxSourceSize().toBytes()) {
            conflicts.add("judge.demo.caps.max-source-size (" + demo.maxSourceSize().toBytes() + " bytes) is more "
                    + "than judge.caps.max-source-size (" + judge.maxSourceSize().toBytes() + " bytes)");
        }
        return conflicts;
    }
}
