package dev.judge.sandbox.linux;

import dev.judge.core.sandbox.Sandbox;
import dev.judge.core.sandbox.tck.PairContract;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The pair contract against a rootless native sandbox; run by RootlessChild as an unprivileged user. */
class RootlessPairContract extends PairContract {

    @Override
    protected Sandbox createSandbox() {
        return RootlessSandboxes.start();
    }

    @Override
    protected List<String> leftovers() {
        List<String> left = new ArrayList<>();
        RootlessSandboxes.boxProcesses().forEach(pid -> left.add("box process " + pid));
        try (Stream<Path> fifos = Files.list(((NativeSandbox) sandbox).pipeDirectory())) {
            fifos.forEach(f -> left.add("FIFO " + f));
        } catch (IOException e) {
            left.add("cannot list the pipes directory: " + e);
        }
        return left;
    }
}
