package dev.judge.sandbox.docker;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.dockerjava.api.model.Container;
import dev.judge.core.testsupport.RequiredParts;
import java.util.List;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs after every other test class of the module (class order set in the module's surefire configuration): once each
 * class has closed its sandbox, no container with the sandbox's label may be left on the engine, nor an image the
 * suite tagged for itself.
 */
@Order(Integer.MAX_VALUE)
class NoLeakedContainersTest {
    @Test
    void noContainerOrImageOfTheSuiteIsLeft() throws Exception {
        try (TestEngine engine = new TestEngine()) {
            List<Container> left;
            try {
                left = engine.labelled();
            } catch (RuntimeException e) {
                RequiredParts.require(false, "a Docker engine (" + e.getMessage() + ")");
                return;
            }
            assertThat(left).extracting(c -> c.getId().substring(0, 12) + " " + c.getLabels())
                    .as("containers left by the suite").isEmpty();
            assertThat(engine.client.listImagesCmd().withReferenceFilter("judge-runtime-test*").exec())
                    .extracting(i -> List.of(i.getRepoTags()))
                    .as("images the suite tagged for itself").isEmpty();
        }
    }
}
