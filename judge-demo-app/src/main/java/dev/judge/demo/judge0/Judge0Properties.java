package dev.judge.demo.judge0;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.ConstructorBinding;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The Judge0-compatible API ({@code judge.judge0.*}).
 *
 * @param authToken          accepted {@code X-Auth-Token} values, comma-separated; unset: one is generated at the
 *                           first start and kept in {@code <data-dir>/judge0-token}
 * @param open               {@code true} serves the API without any token, as Judge0 ships (a warning is logged
 *                           at every start); {@code authToken} is then ignored
 * @param maxBatchSize       most submissions of one batch
 * @param waitTimeout        how long {@code wait=true} waits before answering with the state at that moment
 * @param maintenanceMode    Judge0's {@code MAINTENANCE_MODE}: creating and deleting submissions answer 503
 * @param maintenanceMessage Judge0's {@code MAINTENANCE_MESSAGE}, the {@code error} of those 503 answers
 * @param authzToken         Judge0's {@code AUTHZ_TOKEN}: accepted {@code X-Auth-User} values, comma-separated,
 *                           for what Judge0 keeps to administrators (the submissions index); unset: refused (403)
 * @param enableCompilerOptions        Judge0's {@code ENABLE_COMPILER_OPTIONS}
 * @param allowedLanguagesForCompileOptions Judge0's {@code ALLOWED_LANGUAGES_FOR_COMPILER_OPTIONS}: names a
 *                           language's name starts with (followed by a space), such as {@code C} or {@code C++};
 *                           empty: every compiled language
 * @param enableCommandLineArguments   Judge0's {@code ENABLE_COMMAND_LINE_ARGUMENTS}
 * @param allowEnablePerProcessAndThreadTimeLimit   Judge0's {@code ALLOW_ENABLE_PER_PROCESS_AND_THREAD_TIME_LIMIT}
 * @param allowEnablePerProcessAndThreadMemoryLimit Judge0's {@code ALLOW_ENABLE_PER_PROCESS_AND_THREAD_MEMORY_LIMIT}
 * @param enableAdditionalFiles        Judge0's {@code ENABLE_ADDITIONAL_FILES}
 * @param maxExtractSize               Judge0's {@code MAX_EXTRACT_SIZE} (it counts kilobytes): the most an
 *                           {@code additional_files} archive may inflate to, within the demo's test data cap
 * @param redirectStderrToStdout       Judge0's {@code REDIRECT_STDERR_TO_STDOUT}: the default of the submission field
 * @param allowEnableNetwork           Judge0's {@code ALLOW_ENABLE_NETWORK}, off here unless set: whether a submission
 *                           may ask for network (granted only where the sandbox gives it safely, see
 *                           {@code Sandbox.givesNetwork})
 * @param enableNetwork                Judge0's {@code ENABLE_NETWORK}: the default of the submission field
 */
@ConfigurationProperties("judge.judge0")
public record Judge0Properties(String authToken, @DefaultValue("false") boolean open,
        @DefaultValue("20") int maxBatchSize, @DefaultValue("30s") Duration waitTimeout,
        @DefaultValue("false") boolean maintenanceMode,
        @DefaultValue("Judge0 is currently in maintenance.") String maintenanceMessage, String authzToken,
        @DefaultValue("true") boolean enableCompilerOptions, List<String> allowedLanguagesForCompileOptions,
        @DefaultValue("true") boolean enableCommandLineArguments,
        @DefaultValue("true") boolean allowEnablePerProcessAndThreadTimeLimit,
        @DefaultValue("true") boolean allowEnablePerProcessAndThreadMemoryLimit,
        @DefaultValue("true") boolean enableAdditionalFiles, @DefaultValue("10240KB") DataSize maxExtractSize,
        @DefaultValue("false") boolean redirectStderrToStdout, @DefaultValue("false") boolean allowEnableNetwork,
        @DefaultValue("false") boolean enableNetwork) {

    @ConstructorBinding
    public Judge0Properties {
        if (maxExtractSize == null) {
            maxExtractSize = DataSize.ofKilobytes(10240);
        }
        allowedLanguagesForCompileOptions = allowedLanguagesForCompileOptions == null ? List.of()
                : allowedLanguagesForCompileOptions.stream().map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    /** The settings of a server without an authorization token and with Judge0's request defaults. */
    public Judge0Properties(String authToken, boolean open, int maxBatchSize, Duration waitTimeout,
            boolean maintenanceMode, String maintenanceMessage) {
        this(authToken, open, maxBatchSize, waitTimeout, maintenanceMode, maintenanceMessage, null, true, List.of(),
                true, true, true, true, DataSize.ofKilobytes(10240), false, false, false);
    }

    /** Accepted {@code X-Auth-User} values; empty when none is configured. */
    public List<String> authzTokens() {
        return authzToken == null ? List.of()
                : Arrays.stream(authzToken.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }

    public List<String> tokens() {
        return authToken == null ? List.of()
                : Arrays.stream(authToken.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList();
    }
}
