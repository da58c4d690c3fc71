package dev.judge.core.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.judge.core.InvalidSubmissionException;
import java.util.List;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.Test;

/** Structural rules of what a submission says about its problem: groups, support files, file I/O, interactor. */
class ProblemKindsTest {

    private static final Submission BASE = Submission.of("c", "int main(){}",
            List.of(TestCase.of("1", "", "").inGroup("a"), TestCase.of("2", "", "").inGroup("b")));

    @Test
    void aPlainSubmissionHasNoneOfThem() {
        assertThat(BASE.groups()).isEmpty();
        assertThat(BASE.supportFiles()).isEmpty();
        assertThat(BASE.io()).isEqualTo(FileIo.standard());
        assertThat(BASE.io().isStandard()).isTrue();
        assertThat(BASE.isInteractive()).isFalse();
    }

    @Test
    void groupsMayDependOnEachOtherWithoutACycle() {
        Submission s = BASE.withGroups(List.of(TestGroup.of("a", 30),
                TestGroup.of("b", 70).withScoring(TestGroup.Scoring.SUM).dependingOn("a").stoppingOnFirstFailure()));
        assertThat(s.groups()).extracting(TestGroup::name).containsExactly("a", "b");
        assertThat(s.groups().get(1).dependsOn()).containsExactly("a");
        assertThat(s.groups().get(1).stopOnFirstFailure()).isTrue();
    }

    @Test
    void groupMistakesNameTheField() {
        assertField(() -> BASE.withGroups(List.of(TestGroup.of("a", 1), TestGroup.of("a", 2))), "groups");
        assertField(() -> BASE.withGroups(List.of(TestGroup.of("a", 1), TestGroup.of("b", 1).dependingOn("c"))),
                "groups[b].dependsOn");
        assertField(() -> BASE.withGroups(List.of(TestGroup.of("a", 1).dependingOn("b"),
                TestGroup.of("b", 1).dependingOn("a"))), "groups[a].dependsOn");
        assertField(() -> TestGroup.of("a", 1).dependingOn("a"), "groups[a].dependsOn");
        assertField(() -> TestGroup.of("a", -1), "groups[a].points");
        assertField(() -> BASE.withGroups(List.of(TestGroup.of("a", 1))), "tests[2].group");
    }

    @Test
    void aDependencyCycleIsNamedInOrder() {
        assertThatThrownBy(() -> BASE.withGroups(List.of(TestGroup.of("a", 1).dependingOn("b"),
                TestGroup.of("b", 1).dependingOn("c"), TestGroup.of("c", 1).dependingOn("a"))))
                .isInstanceOf(InvalidSubmissionException.class)
                .hasMessageContaining("a -> b -> c -> a");
    }

    @Test
    void supportFilesAreNamedAndNeverShadowASource() {
        Submission s = BASE.withSupportFiles(List.of(new SourceFile("grader.c", "int main(){}"),
                new SourceFile("lib.h", "int f(void);")));
        assertThat(s.supportFiles()).extracting(SourceFile::name).containsExactly("grader.c", "lib.h");
        assertField(() -> BASE.withSupportFiles(List.of(SourceFile.main("x"))), "supportFiles.name");
        assertField(() -> new Submission("c", List.of(new SourceFile("a.c", "")), List.of(), Limits.defaults(),
                ComparatorSpec.lines(), JudgeOptions.defaults()).withSupportFiles(List.of(new SourceFile("a.c", ""))),
                "supportFiles");
    }

    @Test
    void fileNamesArePlainAndDistinct() {
        assertThat(FileIo.files("input.txt", "output.txt").isStandard()).isFalse();
        assertThat(FileIo.files("in", null).outputFile()).isNull();
        assertField(() -> FileIo.files("../in", null), "io.inputFile");
        assertField(() -> FileIo.files(null, "a/b"), "io.outputFile");
        assertField(() -> FileIo.files("x", "x"), "io.outputFile");
    }

    @Test
    void onlyAKattisInteractorHasSeveralPasses() {
        Interactor kattis = new Interactor("cpp", List.of(SourceFile.main("")), Interactor.Protocol.KATTIS, 3);
        assertThat(BASE.withInteractor(kattis).isInteractive()).isTrue();
        assertField(() -> new Interactor("cpp", List.of(SourceFile.main("")), Interactor.Protocol.TESTLIB, 2),
                "interactor.passes");
        assertField(() -> new Interactor("cpp", List.of(SourceFile.main("")), Interactor.Protocol.KATTIS, 0),
                "interactor.passes");
        assertField(() -> new Interactor("cpp", List.of(), Interactor.Protocol.KATTIS, 1), "interactor.sources");
    }

    @Test
    void aResultWithoutGroupsHasAnEmptyGroupList() {
        SubmissionResult r = SubmissionResult.queued("s", java.time.Instant.EPOCH);
        assertThat(r.groups()).isEmpty();
    }

    private static void assertField(ThrowingCallable call, String field) {
        assertThatThrownBy(call).isInstanceOf(InvalidSubmissionException.class)
                .satisfies(e -> assertThat(((InvalidSubmissionException) e).field()).isEqualTo(field));
    }
}
