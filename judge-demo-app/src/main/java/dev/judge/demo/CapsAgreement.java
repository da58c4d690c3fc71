package dev.judge.demo;

import dev.judge.core.judge.Judge;
import dev.judge.core.model.JudgeCaps;
import java.util.ArrayList;
import java.util.List;
import org.springframework.stereotype.Component;

/**
 * Stops the start when the server's caps on problems and sources ({@code judge.demo.caps}) pass the caps the judge
 * enforces ({@link Judge#caps()}: {@code judge.caps}, or whatever a customizer of the judge's builder set): a
 * problem could then be given more tests or test data than any submission to it may carry, and every submission
 * to it would be refused. By default the server's caps are the judge's.
 */
@Component
class CapsAgreement {

    CapsAgreement(DemoProperties demo, Judge judge) {
        List<String> conflicts = conflicts(demo.caps(), judge.caps());
        if (!conflicts.isEmpty()) {
            throw new IllegalStateException("the server's caps pass the judge's, so problems could be made that "
                    + "are never judged: " + String.join("; ", conflicts)
                    + " (lower the server's cap, or raise the judge's)");
        }
    }

    /** Each cap of {@code demo} that passes its counterpart in {@code judge}, named by both sides. */
    static List<String> conflicts(DemoProperties.Caps demo, JudgeCaps judge) {
        List<String> conflicts = new ArrayList<>();
        if (demo.maxTests() > judge.maxTests()) {
            conflicts.add("judge.demo.caps.max-tests (" + demo.maxTests() + ") is more than the judge's most tests "
                    + "per submission (judge.caps.max-tests, " + judge.maxTests() + ")");
        }
        if (demo.maxTestData().toBytes() > judge.maxTestData().bytes()) {
            conflicts.add("judge.demo.caps.max-test-data (" + demo.maxTestData().toBytes() + " bytes) is more than "
                    + "the judge's most test data per submission (judge.caps.max-test-data-size, "
                    + judge.maxTestData().bytes() + " bytes)");
        }
        if (demo.maxSourceSize().toBytes() > judge.maxSourceSize().bytes()) {
            conflicts.add("judge.demo.caps.max-source-size (" + demo.maxSourceSize().toBytes() + " bytes) is more "
                    + "than the judge's largest source (judge.caps.max-source-size, " + judge.maxSourceSize().bytes()
                    + " bytes)");
        }
        return conflicts;
    }
}
