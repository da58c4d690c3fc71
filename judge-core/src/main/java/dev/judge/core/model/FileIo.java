package dev.judge.core.model;

/**
 * Where the program of a file I/O problem reads and writes. Either name may be {@code null}: standard input
 * or output then.
 *
 * <p>With an input file, the test's input is placed in the work dir under that name and is also given on
 * standard input (so a program may read either). With an output file, the program's answer is that file as
 * it is left when the program ends; what it prints on standard output is then only reported, not compared.
 *
 * @param inputFile  plain file name the test input is written to, or {@code null}
 * @param outputFile plain file name the answer is read from, or {@code null}
 */
public record FileIo(String inputFile, String outputFile) {
    private static final FileIo STANDARD = new FileIo(null, null);

    public FileIo {
        if (inputFile != null) {
            Checks.check(SourceFile.isPlainName(inputFile), "io.inputFile",
                    "must be a plain file name, was '" + inputFile + "'");
        }
        if (outputFile != null) {
            Checks.check(SourceFile.isPlainName(outputFile), "io.outputFile",
                    "must be a plain file name, was '" + outputFile + "'");
        }
        Checks.check(inputFile == null || !inputFile.equals(outputFile), "io.outputFile",
                "must differ from the input file");
    }

    /** Standard input and output. */
    public static FileIo standard() {
        return STANDARD;
    }

    /** Input read from {@code input}, answer written to {@code output}; either may be {@code null}. */
    public static FileIo files(String input, String output) {
        return new FileIo(input, output);
    }

    public boolean isStandard() {
        return inputFile == null && outputFile == null;
    }
}
