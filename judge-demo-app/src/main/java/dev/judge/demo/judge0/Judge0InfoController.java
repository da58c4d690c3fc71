package dev.judge.demo.judge0;

import dev.judge.core.judge.Judge;
import dev.judge.core.language.LanguageInfo;
import dev.judge.core.queue.JobQueue;
import dev.judge.core.sandbox.Sandbox;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.web.bind.annotation.RequestParam;
import dev.judge.demo.DemoProperties;
import dev.judge.demo.web.ApiException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Judge0 CE 1.13's information endpoints: languages, statuses, configuration, version, system, workers and
 * statistics, in the shapes of Judge0's {@code info_controller.rb}, {@code health_controller.rb} and
 * {@code languages_controller.rb}, with this server's values.
 */
@RestController
@RequestMapping("/judge0")
public class Judge0InfoController {
    private final Judge0Languages languages;
    private final Judge judge;
    private final Judge0Properties properties;
    private final DemoProperties demo;
    private final Judge0Statistics statistics;
    private final ObjectProvider<JobQueue> queue;
    private final ObjectProvider<MeterRegistry> meters;
    private final ObjectProvider<Sandbox> sandbox;
    private final int slots;
    private final long maxQueueDepth;

    Judge0InfoController(Judge0Languages languages, Judge judge, Judge0Properties properties, DemoProperties demo,
            Judge0Statistics statistics, ObjectProvider<JobQueue> queue, ObjectProvider<MeterRegistry> meters,
            ObjectProvider<Sandbox> sandbox, @Value("${judge.executor.slots:0}") int slots,
            @Value("${judge.queue.max-depth:0}") long maxQueueDepth) {
        this.sandbox = sandbox;
        this.languages = languages;
        this.judge = judge;
        this.properties = properties;
        this.demo = demo;
        this.statistics = statistics;
        this.queue = queue;
        this.meters = meters;
        this.slots = slots > 0 ? slots : Runtime.getRuntime().availableProcessors();
        this.maxQueueDepth = maxQueueDepth;
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

    /** Every language with a Judge0 id, by name; one whose toolchain is absent here shows as archived. */
    @GetMapping("/languages/all")
    public List<Map<String, Object>> allLanguages() {
        Map<Integer, Map<String, Object>> byId = new LinkedHashMap<>();
        for (LanguageInfo info : judge.languages()) {
            for (int id : info.language().judge0Ids()) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("id", id);
                m.put("name", Judge0Languages.name(info));
                m.put("is_archived", !info.available());
                byId.merge(id, m, (a, b) -> Boolean.TRUE.equals(a.get("is_archived")) ? b : a);
            }
        }
        return byId.values().stream().sorted(Comparator.comparing(m -> (String) m.get("name"))).toList();
    }

    @GetMapping("/languages/{id}")
    public Map<String, Object> language(@PathVariable int id) {
        LanguageInfo info = languages.find(id).orElseThrow(() -> ApiException.notFound("there is no language " + id));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", id);
        m.put("name", Judge0Languages.name(info));
        m.put("is_archived", false);
        if (Judge0MultiFile.is(info)) {
            // Judge0's seed gives it no source file and no commands: the archive's scripts are the commands
            m.put("source_file", null);
            m.put("compile_cmd", null);
            m.put("run_cmd", null);
            return m;
        }
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

    /** Judge0 answers its version as plain text. */
    @GetMapping(path = "/version", produces = "text/plain")
    public String version() {
        return "1.13.1";
    }

    @GetMapping("/config_info")
    public Map<String, Object> configInfo() {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("maintenance_mode", properties.maintenanceMode());
        m.put("enable_wait_result", true);
        m.put("enable_compiler_options", properties.enableCompilerOptions());
        m.put("allowed_languages_for_compile_options", properties.allowedLanguagesForCompileOptions());
        m.put("enable_command_line_arguments", properties.enableCommandLineArguments());
        m.put("enable_submission_delete", true);
        m.put("enable_callbacks", true);
        m.put("callbacks_max_tries", 3);
        m.put("callbacks_timeout", (double) demo.webhookTimeout().toMillis() / 1000);
        m.put("enable_additional_files", properties.enableAdditionalFiles());
        m.put("max_queue_size", maxQueueDepth); // the judge's bound (judge.queue.max-depth); 0: none
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
        m.put("allow_enable_per_process_and_thread_time_limit", properties.allowEnablePerProcessAndThreadTimeLimit());
        m.put("enable_per_process_and_thread_memory_limit", false);
        m.put("allow_enable_per_process_and_thread_memory_limit",
                properties.allowEnablePerProcessAndThreadMemoryLimit());
        m.put("max_file_size", Judge0Defaults.MAX_FILE_SIZE);
        m.put("max_max_file_size", Judge0Defaults.MAX_MAX_FILE_SIZE);
        m.put("number_of_runs", Judge0Defaults.NUMBER_OF_RUNS);
        m.put("max_number_of_runs", Judge0Defaults.MAX_NUMBER_OF_RUNS);
        m.put("redirect_stderr_to_stdout", properties.redirectStderrToStdout());
        m.put("max_extract_size", properties.maxExtractSize().toKilobytes());
        m.put("enable_batched_submissions", true);
        m.put("max_submission_batch_size", properties.maxBatchSize());
        m.put("submission_cache_duration", 0);
        m.put("use_docs_as_homepage", false);
        // allowed only where the sandbox can give a run network safely, whatever the setting says
        Sandbox s = sandbox.getIfAvailable();
        m.put("allow_enable_network", properties.allowEnableNetwork() && judge.caps().maxLimits().network()
                && s != null && s.givesNetwork());
        m.put("enable_network", properties.enableNetwork());
        return m;
    }

    /** The host, in the keys of {@code lscpu} and {@code free -h} that Judge0 answers with. */
    @GetMapping("/system_info")
    public Map<String, String> systemInfo() {
        return Judge0SystemInfo.read();
    }

    /** The judge's one queue, as Judge0 reports each Resque queue. */
    @GetMapping("/workers")
    public List<Map<String, Object>> workers() {
        JobQueue q = queue.getIfAvailable();
        long size = q == null ? 0 : q.depth();
        long failed = q == null ? 0 : q.deadLetters(10_000).size();
        MeterRegistry registry = meters.getIfAvailable();
        Gauge inFlight = registry == null ? null : registry.find("judge.runs.in.flight").gauge();
        int working = inFlight == null ? 0 : (int) Math.min(slots, Math.max(0, Math.round(inFlight.value())));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("queue", "default");
        m.put("size", size);
        m.put("available", slots);
        m.put("idle", slots - working);
        m.put("working", working);
        m.put("paused", 0);
        m.put("failed", failed);
        return List.of(m);
    }

    @GetMapping("/statistics")
    public Map<String, Object> statistics(
            @RequestParam(name = "invalidate_cache", defaultValue = "false") String invalidate) {
        return statistics.get("true".equals(invalidate),
                id -> judge.languages().stream().filter(l -> l.language().judge0Ids().contains(id)).findFirst()
                        .map(Judge0Languages::name).orElse(null));
    }

}
