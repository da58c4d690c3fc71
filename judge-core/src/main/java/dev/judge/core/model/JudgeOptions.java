package dev.judge.core.model;

import java.util.List;

/**
 * How a submission is judged beyond its limits.
 *
 * @param stopOnFirstFailure skip the remaining tests once one fails (they are reported as skipped)
 * @param compilerOptions    arguments added after the compile command's own, each one argument as given
 *                           (never read by a shell); only for compiled languages
 * @param programArguments   arguments added after the run command's own, given to the program on every run
 * @param stderrToStdout     whether a run's stderr is joined to its stdout (one stream, in the order written), as a
 *                           terminal shows them; the compile step's output always joins both
 */
public record JudgeOptions(boolean stopOnFirstFailure, List<String> compilerOptions,
        List<String> programArguments, boolean stderrToStdout) {
    private static final JudgeOptions DEFAULTS = new JudgeOptions(false);

    public JudgeOptions {
        Checks.notNull(compilerOptions, "options.compilerOptions");
        Checks.notNull(programArguments, "options.programArguments");
        compilerOptions = List.copyOf(compilerOptions);
        programArguments = List.copyOf(programArguments);
        for (String a : compilerOptions) {
            Checks.check(a.indexOf('\0') < 0, "options.compilerOptions", "an argument holds a NUL character");
        }
        for (String a : programArguments) {
            Checks.check(a.indexOf('\0') < 0, "options.programArguments", "an argument holds a NUL character");
        }
    }

    /** Options whose runs keep stdout and stderr apart. */
    public JudgeOptions(boolean stopOnFirstFailure, List<String> compilerOptions, List<String> programArguments) {
        this(stopOnFirstFailure, compilerOptions, programArguments, false);
    }

    /** Options without compiler options or program arguments. */
    public JudgeOptions(boolean stopOnFirstFailure) {
        this(stopOnFirstFailure, List.of(), List.of());
    }

    public static JudgeOptions defaults() {
        return DEFAULTS;
    }

    public JudgeOptions withCompilerOptions(List<String> options) {
        return new JudgeOptions(stopOnFirstFailure, options, programArguments, stderrToStdout);
    }

    public JudgeOptions withProgramArguments(List<String> arguments) {
        return new JudgeOptions(stopOnFirstFailure, compilerOptions, arguments, stderrToStdout);
    }

    public JudgeOptions withStderrToStdout(boolean joined) {
        return new JudgeOptions(stopOnFirstFailure, compilerOptions, programArguments, joined);
    }
}
