package dev.judge.sandbox.docker;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.tck.PairContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The Docker sandbox passes the pair contract (what only Docker can show about pairs is in DockerPairTest). */
class DockerPairContractTest extends PairContract {

    @Override
    protected Sandbox createSandbox() {
        // the contract runs two pairs at once: four warm containers
        return TestSandboxes.create(4);
    }

    @Override
    protected List<String> leftovers() {
        List<String> left = new ArrayList<>();
        try (Stream<Path> fifos = Files.list(((DockerSandbox) sandbox).pairFolder())) {
            fifos.forEach(f -> left.add("pair folder " + f));
        } catch (IOException e) {
            left.add("cannot list the pairs' folder: " + e);
        }
        return left;
    }
}
