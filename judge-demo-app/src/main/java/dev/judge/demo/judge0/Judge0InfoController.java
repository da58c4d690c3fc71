package dev.judge.demo.judge0;

import dev.judge.core.language.LanguageInfo;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/** Judge0 CE 1.13's information endpoints: languages, statuses, configuration, version. */
@RestController
@RequestMapping("/judge0")
public class Judge0InfoController {
    private final Judge0Languages languages;
    private final Judge0Properties properties;
    private final DemoProperties demo;

    Judge0InfoController(Judge0Languages languages, Judge0Properties properties, DemoProperties demo) {
        this.languages = languages;
        this.properties = properties;
        this.demo = demo;
    }

    @GetMapping("/languages")
    public List<Map<String, Object>> languages() {
        return languages.byId().entrySet().stream().map(e -> {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("id", e.getKey());
            m.put("name", Judge0Languages.name(e.getValue()));
            return m;
        }).toList();
    }

    @GetMapping("/languages/{id}")
    public Map<String, Object> language(@PathVariable int id) {
        LanguageInfo info = languages.find(id).orElseThrow(() -> ApiException.notFound("there is no language " + id));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", Judge0Languages.name(info));
        m.put("is_archived", false);
        m.put("source_file", info.language().sourceFile());
        m.put("compile_cmd", info.language().compileCommand().isEmpty() ? null
                : String.join(" ", info.language().compileCommand()));
        m.put("run_cmd", String.join(" ", info.language().runCommand()));
        return m;
    }

    @GetMapping("/statuses")
    public List<Judge0Status> statuses() {
        return Judge0Status.ALL;
    }

    @GetMapping("/about")
    public Map<String, Object> about() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("version", "1.13.1");
        m.put("homepage", null);
        m.put("source_code", null);
        m.put("maintainer", null);
        return m;
    }

    @GetMapping("/config_info")
    public Map<String, Object> configInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("enable_wait_result", true);
        m.put("enable_compiler_options", false);
        m.put("allowed_languages_for_compile_options", List.of());
        m.put("enable_command_line_arguments", false);
        m.put("enable_submission_delete", true);
        m.put("enable_callbacks", true);
        m.put("callbacks_max_tries", 3);
        m.put("callbacks_timeout", (double) demo.webhookTimeout().toMillis() / 1000);
        m.put("enable_additional_files", false);
        m.put("max_queue_size", demo.maxQueueDepth());
        m.put("cpu_time_limit", Judge0Defaults.CPU_TIME_LIMIT);
        m.put("max_cpu_time_limit", Judge0Defaults.MAX_CPU_TIME_LIMIT);
        m.put("cpu_extra_time", Judge0Defaults.CPU_EXTRA_TIME);
        m.put("max_cpu_extra_time", Judge0Defaults.MAX_CPU_EXTRA_TIME);
        m.put("wall_time_limit", Judge0Defaults.WALL_TIME_LIMIT);
        m.put("max_wall_time_limit", Judge0Defaults.MAX_WALL_TIME_LIMIT);
        m.put("memory_limit", Judge0Defaults.MEMORY_LIMIT);
        m.put("max_memory_limit", Judge0Defaults.MAX_MEMORY_LIMIT);
        m.put("stack_limit", Judge0Defaults.STACK_LIMIT);
        m.put("max_stack_limit", Judge0Defaults.MAX_STACK_LIMIT);
        m.put("max_processes_and_or_threads", Judge0Defaults.MAX_PROCESSES);
        m.put("max_max_processes_and_or_threads", Judge0Defaults.MAX_MAX_PROCESSES);
        m.put("enable_per_process_and_thread_time_limit", false);
        m.put("allow_enable_per_process_and_thread_time_limit", false);
        m.put("enable_per_process_and_thread_memory_limit", false);
        m.put("allow_enable_per_process_and_thread_memory_limit", false);
        m.put("max_file_size", Judge0Defaults.MAX_FILE_SIZE);
        m.put("max_max_file_size", Judge0Defaults.MAX_MAX_FILE_SIZE);
        m.put("number_of_runs", 1);
        m.put("max_number_of_runs", 1);
        m.put("redirect_stderr_to_stdout", false);
        m.put("max_extract_size", 0);
        m.put("enable_batched_submissions", true);
        m.put("max_submission_batch_size", properties.maxBatchSize());
        m.put("submission_cache_duration", 0);
        m.put("use_docs_as_homepage", false);
        m.put("allow_enable_network", false);
        m.put("enable_network", false);
        return m;
    }

}
