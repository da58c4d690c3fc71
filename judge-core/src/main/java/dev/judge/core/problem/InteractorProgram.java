package dev.judge.core.problem;

import dev.judge.core.model.Interactor;
import java.util.Objects;

/**
 * The interactor of an interactive (or multi-pass) package.
 *
 * @param program   its source
 * @param protocol  how it is started and reports
 * @param passes    most passes (Kattis {@code validation_passes}); 1 for a single pass
 * @param arguments extra arguments the package gives it ({@code validator_flags}), "" for none
 */
public record InteractorProgram(Program program, Interactor.Protocol protocol, int passes, String arguments) {
    public InteractorProgram {
        Objects.requireNonNull(program, "program");
        Objects.requireNonNull(protocol, "protocol");
        arguments = Objects.requireNonNullElse(arguments, "");
        if (passes < 1) {
            throw new IllegalArgumentException("passes must be at least 1, was " + passes);
        }
    }

    /** The model's interactor for this program. */
    public Interactor toInteractor() {
        return new Interactor(program.languageId(), program.sources(), protocol, passes);
    }
}
