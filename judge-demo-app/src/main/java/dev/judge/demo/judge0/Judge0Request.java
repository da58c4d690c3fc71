package dev.judge.demo.judge0;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * A Judge0 CE 1.13 submission as clients send it (snake_case). Limits are Judge0's units: seconds (fractions
 * allowed) and kilobytes. Fields of what the sandboxes here cannot give yet (additional files, network, stderr
 * merged into stdout) are refused with the reason when given; unknown fields are ignored, as Judge0 does.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Judge0Request(
        @JsonProperty("source_code") String sourceCode,
        @JsonProperty("language_id") Integer languageId,
        @JsonProperty("stdin") String stdin,
        @JsonProperty("expected_output") String expectedOutput,
        @JsonProperty("cpu_time_limit") Double cpuTimeLimit,
        @JsonProperty("cpu_extra_time") Double cpuExtraTime,
        @JsonProperty("wall_time_limit") Double wallTimeLimit,
        @JsonProperty("memory_limit") Long memoryLimit,
        @JsonProperty("stack_limit") Long stackLimit,
        @JsonProperty("max_processes_and_or_threads") Integer maxProcessesAndOrThreads,
        @JsonProperty("max_file_size") Long maxFileSize,
        @JsonProperty("number_of_runs") Integer numberOfRuns,
        @JsonProperty("redirect_stderr_to_stdout") Boolean redirectStderrToStdout,
        @JsonProperty("enable_network") Boolean enableNetwork,
        @JsonProperty("callback_url") String callbackUrl,
        @JsonProperty("compiler_options") String compilerOptions,
        @JsonProperty("command_line_arguments") String commandLineArguments,
        @JsonProperty("additional_files") String additionalFiles,
        @JsonProperty("enable_per_process_and_thread_time_limit") Boolean perProcessTimeLimit,
        @JsonProperty("enable_per_process_and_thread_memory_limit") Boolean perProcessMemoryLimit) {
}
