package dev.judge.demo.problem;

import dev.judge.core.model.FileIo;

/**
 * Where the program reads and writes: {@code inputFile} and {@code outputFile}, plain file names, each null for
 * standard input or output. Maps 1:1 onto {@link FileIo}.
 */
public record IoDto(String inputFile, String outputFile) {

    static IoDto of(FileIo io) {
        return new IoDto(io.inputFile(), io.outputFile());
    }
}
