package dev.judge.core.pipeline;

import dev.judge.core.model.FileIo;
import dev.judge.core.sandbox.SandboxFile;
import dev.judge.core.sandbox.SandboxRequest;
import dev.judge.core.sandbox.SandboxResult;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * How the runs of a file I/O problem exchange data through files: the test input is written to the work dir
 * under the input file's name (and still given on standard input), and the answer is the output file as the
 * run leaves it, collected by the sandbox, instead of standard output.
 */
final class TestFiles {
    private final FileIo io;

    TestFiles(FileIo io) {
        this.io = io;
    }

    /** The run request every test starts from: it collects the output file, if there is one. */
    SandboxRequest base(SandboxRequest request) {
        return io.outputFile() == null ? request : request.withCollect(List.of(io.outputFile()));
    }

    /** The request of one test: its input on stdin and, if asked for, in the input file. */
    SandboxRequest forTest(SandboxRequest base, byte[] input) {
        SandboxRequest r = base.withStdin(input);
        if (io.inputFile() == null) {
            return r;
        }
        List<SandboxFile> files = new ArrayList<>(base.files());
        files.add(SandboxFile.of(io.inputFile(), input));
        return r.withFiles(files);
    }

    /** What the run answered: its stdout, or the output file's content; empty when that file is missing. */
    Optional<byte[]> answer(SandboxResult r) {
        if (io.outputFile() == null) {
            return Optional.of(r.stdout());
        }
        return r.collected().stream().filter(f -> f.path().equals(io.outputFile())).findFirst()
                .map(SandboxFile::content);
    }

    /** The checker message of a run that left no output file. */
    String missingOutput() {
        return "output file " + io.outputFile() + " was not created";
    }

    /**
     * Why the program's own files leave no room for the problem's input or output file (an artifact of the
     * same name, say), or {@code null} when they do.
     */
    String clash(List<SandboxFile> programFiles) {
        for (SandboxFile f : programFiles) {
            if (f.path().equals(io.inputFile()) || f.path().equals(io.outputFile())) {
                return "the file I/O name '" + f.path() + "' is taken by a file of the compiled program";
            }
        }
        return null;
    }
}
