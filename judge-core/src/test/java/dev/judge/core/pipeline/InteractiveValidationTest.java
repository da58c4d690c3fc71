package dev.judge.core.pipeline;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import dev.judge.core.judge.Judge;
import dev.judge.core.model.ByteSize;
import dev.judge.core.model.Interactor;
import dev.judge.core.model.SourceFile;
import dev.judge.core.model.Submission;
import dev.judge.core.model.TestCase;
import dev.judge.core.sandbox.PairResult;
import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import dev.judge.core.testsupport.CountingSandbox;
import dev.judge.core.testsupport.FakeSandbox;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** An interactive submission is refused before any work when its interactor or the judge's sandbox cannot serve. */
class InteractiveValidationTest {

    private static final Submission PROGRAM = Submission.of("c", "int main(void) { return 0; }",
            List.of(TestCase.of("1", "1\n", "")));

    /** Answers compiles and probes; connects pairs only when it overrides runPair. */
    private static FakeSandbox fake() {
        return FakeSandbox.programs(r -> FakeSandbox.exited(0, ""));
    }

    private static final class Pairing implements Sandbox {
        private final Sandbox delegate = fake();

        @Override
        public SandboxResult run(SandboxRequest request) {
            return delegate.run(request);
        }

        @Override
        public PairResult runPair(SandboxRequest program, SandboxRequest peer) {
            return new PairResult(run(program), run(peer), PairResult.Side.PROGRAM);
        }

        @Override
        public String name() {
            return "pairing";
        }
    }

    private static void assertField(Sandbox sandbox, Submission s, String field, String part) {
        try (Judge judge = Judge.builder().sandbox(sandbox).maxSourceSize(ByteSize.ofKiB(1)).build()) {
            ThrowingCallable call = () -> judge.judge(s);
            assertThatThrownBy(call).isInstanceOfSatisfying(InvalidSubmissionException.class, e -> {
                assertThat(e.field()).isEqualTo(field);
                assertThat(e.getMessage()).contains(part);
            });
        }
    }

    @Test
    void aSandboxThatCannotConnectTwoCommandsRefusesInteractiveSubmissions() {
        assertThat(InteractiveRun.connectsPairs(fake())).isFalse();
        assertThat(InteractiveRun.connectsPairs(new Pairing())).isTrue();
        assertThat(InteractiveRun.connectsPairs(new CountingSandbox(fake()))).as("a wrapper that delegates").isTrue();
        assertField(fake(), PROGRAM.withInteractor(Interactor.of("c", "int main(void){}", Interactor.Protocol.KATTIS)),
                "interactor", "cannot run an interactor");
    }

    @Test
    void theInteractorsLanguageMustBeKnownAndItsSourcesWithinTheCaps() {
        assertField(new Pairing(), PROGRAM.withInteractor(Interactor.of("cobol", "x", Interactor.Protocol.KATTIS)),
                "interactor.languageId", "unknown language 'cobol'");
        assertField(new Pairing(), PROGRAM.withInteractor(Interactor.of("c", "x".repeat(2000),
                Interactor.Protocol.KATTIS)), "interactor.sources", "more than the maximum");
        assertField(new Pairing(), PROGRAM.withInteractor(Interactor.of("c", " ", Interactor.Protocol.TESTLIB)),
                "interactor.sources[0].content", "must not be empty");
    }

    @Test
    void theInteractorsTestFileNamesAreReserved() {
        for (String name : List.of("input.txt", "answer.txt", "tout.txt", "feedback")) {
            Interactor i = new Interactor("c", List.of(SourceFile.main("int main(void){}"),
                    new SourceFile(name, "1")), Interactor.Protocol.KATTIS, 1);
            assertField(new Pairing(), PROGRAM.withInteractor(i), "interactor.sources", "reserved");
        }
    }
}
