package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.judge.core.testsupport.RequiredParts;
import dev.judge.demo.support.ServerSupport;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The request fields of Judge0's API documentation beyond the basics, each within the maxima Judge0 checks and
 * with its words when refused, and the administrators' submissions index; real C and Python programs judged.
 */
abstract class Judge0RequestScenarios extends ServerSupport {
    static final String TOKEN = Judge0Scenarios.TOKEN;
    static final String ECHO_SUM = Judge0Scenarios.ECHO_SUM;
    static final String ADMIN_USER = "j0-authz-token";
    /** Prints its arguments one per line between brackets, then what {@code GREETING} was compiled as. */
    static final String ARGS_C = "#include <stdio.h>\n#ifndef GREETING\n#define GREETING \"none\"\n#endif\n"
            + "int main(int argc,char**argv){for(int i=1;i<argc;i++)printf(\"[%s]\\n\",argv[i]);"
            + "printf(\"%s\\n\",GREETING);return 0;}\n";
    static final String ARGS_PY = "import sys\nfor a in sys.argv[1:]:\n    print('[' + a + ']')\n";
    /** Spends a second of CPU time, then prints "done". */
    static final String SPIN_C = "#include <stdio.h>\n#include <time.h>\nint main(void){"
            + "volatile unsigned long n=0;while(clock()<CLOCKS_PER_SEC)n++;printf(\"done\\n\");return 0;}\n";

    @BeforeAll
    static void needsTheSandbox() {
        RequiredParts.require(RequiredParts.isRoot(), "root (the native sandbox judges the submissions)");
    }

    private static ObjectNode submission(String source, int languageId, String stdin, String expected) {
        return Judge0Scenarios.submission(source, languageId, stdin, expected);
    }

    private JsonNode awaitJudge0(String token, String query) {
        return awaitJudge0(token, query, TOKEN);
    }

    private JsonNode created(ObjectNode body, String query) {
        Response r = judge0("POST", "/submissions" + query, body.toString(), TOKEN);
        assertThat(r.status()).as(r.body()).isEqualTo(201);
        return r.json();
    }

    private JsonNode judged(ObjectNode body, String fields) {
        return awaitJudge0(created(body, "").path("token").asText(), "?fields=" + fields);
    }

    /** Asserts a 422 naming the field with a message holding {@code words}. */
    private void refused(ObjectNode body, String field, String words) {
        JsonNode p = judge0("POST", "/submissions", body.toString(), TOKEN).problem(422);
        List<String> messages = new ArrayList<>();
        p.path("errors").forEach(e -> {
            if (e.path("field").asText().equals(field)) {
                messages.add(e.path("message").asText());
            }
        });
        assertThat(messages).as(p.toString()).anySatisfy(m -> assertThat(m).contains(words));
    }

    private Response index(String query, String user) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri("/judge0/submissions" + query))
                .header("Accept", "application/json").header("X-Auth-Token", TOKEN);
        if (user != null) {
            b.header("X-Auth-User", user);
        }
        return send(b.GET());
    }

    @Test
    void compilerOptionsAndCommandLineArgumentsAreSingleArgumentsWithNoShell() {
        ObjectNode c = submission(ARGS_C, 50, "", "[a]\n[b c]\n[d\"e]\n[*.c]\nhi there\n");
        c.put("compiler_options", "-O0 -DGREETING='\"hi there\"'");
        c.put("command_line_arguments", "a 'b c' \"d\\\"e\" *.c");
        JsonNode done = judged(c, "status,stdout,compile_output,compiler_options,command_line_arguments");
        assertThat(done.path("status").path("id").asInt()).as(done.toString()).isEqualTo(3);
        assertThat(done.path("compiler_options").asText()).isEqualTo("-O0 -DGREETING='\"hi there\"'");
        assertThat(done.path("command_line_arguments").asText()).isEqualTo("a 'b c' \"d\\\"e\" *.c");

        ObjectNode py = submission(ARGS_PY, 71, "", "[-v]\n[x  y]\n");
        py.put("command_line_arguments", "-v 'x  y'");
        JsonNode pyDone = judged(py, "status,stdout");
        assertThat(pyDone.path("status").path("id").asInt()).as(pyDone.toString()).isEqualTo(3);

        // an option the compiler does not know is the compiler's error, not the server's
        ObjectNode bad = submission(ARGS_C, 50, "", null);
        bad.put("compiler_options", "--no-such-gcc-option");
        JsonNode ce = judged(bad, "status,compile_output");
        assertThat(ce.path("status").path("id").asInt()).isEqualTo(6);
        assertThat(ce.path("compile_output").asText()).contains("no-such-gcc-option");

        JsonNode withoutAny = judged(submission(ARGS_C, 50, "", "none\n"), "status,compiler_options");
        assertThat(withoutAny.path("status").path("id").asInt()).isEqualTo(3);
        assertThat(withoutAny.path("compiler_options").isNull()).isTrue();
    }

    @Test
    void optionsAndArgumentsAreRefusedInJudge0sWords() {
        refused(submission(ARGS_C, 50, "", null).put("compiler_options", "-O2; rm -rf /"), "compiler_options",
                "may not hold any of $&;<>|`");
        refused(submission(ARGS_C, 50, "", null).put("compiler_options", "-O2 'open"), "compiler_options",
                "unterminated single quote");
        refused(submission(ARGS_C, 50, "", null).put("compiler_options", "x".repeat(513)), "compiler_options",
                "is too long (maximum is 512 characters)");
        refused(submission(ARGS_C, 50, "", null).put("command_line_arguments", "$(id)"), "command_line_arguments",
                "may not hold any of");
        refused(submission(ARGS_PY, 71, "", null).put("compiler_options", "-O"), "compiler_options",
                "setting compiler options is only allowed for compiled languages");
    }

    @Test
    void numberOfRunsRunsTheProgramThatOftenWithinJudge0sMaximum() {
        ObjectNode three = submission(ECHO_SUM, 50, "2 3\n", "5\n");
        three.put("number_of_runs", 3);
        JsonNode done = judged(three, "status,stdout,time,memory,wall_time,number_of_runs");
        assertThat(done.path("status").path("id").asInt()).as(done.toString()).isEqualTo(3);
        assertThat(done.path("number_of_runs").asInt()).isEqualTo(3);
        assertThat(done.path("stdout").asText()).isEqualTo("5\n");
        assertThat(done.path("time").asText()).matches("\\d+\\.\\d+");
        assertThat(done.path("memory").asLong()).isPositive();

        ObjectNode failing = submission(ECHO_SUM, 50, "2 3\n", "6\n");
        failing.put("number_of_runs", 20);
        assertThat(judged(failing, "status").path("status").path("id").asInt()).isEqualTo(4);

        refused(submission(ECHO_SUM, 50, "", null).put("number_of_runs", 21), "number_of_runs",
                "must be less than or equal to 20");
        refused(submission(ECHO_SUM, 50, "", null).put("number_of_runs", 0), "number_of_runs",
                "must be greater than 0");
    }

    @Test
    void cpuExtraTimeIsAddedToTheCpuLimitBeforeATimeLimitIsDecided() {
        ObjectNode within = submission(SPIN_C, 50, "", "done\n");
        within.put("cpu_time_limit", 0.5).put("cpu_extra_time", 2.5).put("wall_time_limit", 20);
        JsonNode ok = judged(within, "status,time,cpu_extra_time");
        assertThat(ok.path("status").path("id").asInt()).as(ok.toString()).isEqualTo(3);
        assertThat(ok.path("cpu_extra_time").asText()).isEqualTo("2.5");

        ObjectNode without = submission(SPIN_C, 50, "", "done\n");
        without.put("cpu_time_limit", 0.5).put("cpu_extra_time", 0).put("wall_time_limit", 20);
        assertThat(judged(without, "status").path("status").path("id").asInt()).isEqualTo(5);

        refused(submission(SPIN_C, 50, "", null).put("cpu_extra_time", 5.5), "cpu_extra_time",
                "must be less than or equal to 5.0");
        refused(submission(SPIN_C, 50, "", null).put("cpu_extra_time", -1), "cpu_extra_time",
                "must be greater than or equal to 0.0");
    }

    @Test
    void limitsWithinJudge0sMaximaAndThePerProcessSwitches() {
        ObjectNode limited = submission(ECHO_SUM, 50, "2 3\n", "5\n");
        limited.put("stack_limit", 0).put("max_file_size", 0).put("max_processes_and_or_threads", 1)
                .put("enable_per_process_and_thread_time_limit", true)
                .put("enable_per_process_and_thread_memory_limit", true);
        JsonNode done = judged(limited, "status,stack_limit,max_file_size,max_processes_and_or_threads,"
                + "enable_per_process_and_thread_time_limit,enable_per_process_and_thread_memory_limit");
        assertThat(done.path("status").path("id").asInt()).as(done.toString()).isEqualTo(3);
        assertThat(done.path("stack_limit").asLong()).isZero();
        assertThat(done.path("max_processes_and_or_threads").asInt()).isEqualTo(1);
        assertThat(done.path("enable_per_process_and_thread_time_limit").asBoolean()).isTrue();
        assertThat(done.path("enable_per_process_and_thread_memory_limit").asBoolean()).isTrue();

        refused(submission(ECHO_SUM, 50, "", null).put("stack_limit", 128_001), "stack_limit",
                "must be less than or equal to 128000");
        refused(submission(ECHO_SUM, 50, "", null).put("stack_limit", 10), "stack_limit", "at least 64");
        refused(submission(ECHO_SUM, 50, "", null).put("max_file_size", 4097), "max_file_size",
                "must be less than or equal to 4096");
        refused(submission(ECHO_SUM, 50, "", null).put("max_processes_and_or_threads", 0),
                "max_processes_and_or_threads", "must be greater than 0");
        refused(submission(ECHO_SUM, 50, "", null).put("max_processes_and_or_threads", 121),
                "max_processes_and_or_threads", "must be less than or equal to 120");
        refused(submission(ECHO_SUM, 50, "", null).put("memory_limit", 2047), "memory_limit",
                "must be greater than or equal to 2048");
        refused(submission(ECHO_SUM, 50, "", null).put("wall_time_limit", 0.5), "wall_time_limit",
                "must be greater than or equal to 1.0");
    }

    /** Prints the network interfaces it sees other than loopback, or {@code none}. */
    static final String INTERFACES_C = "#include <stdio.h>\n#include <string.h>\nint main(void){"
            + "FILE*f=fopen(\"/proc/net/dev\",\"r\");char l[512];int n=0;if(!f){puts(\"none\");return 0;}"
            + "while(fgets(l,sizeof l,f)){char*c=strchr(l,':');if(!c)continue;*c=0;char*s=l;while(*s==' ')s++;"
            + "if(strcmp(s,\"lo\")){puts(s);n++;}}if(!n)puts(\"none\");return 0;}\n";

    /** These servers set {@code judge.judge0.allow-enable-network}; the native sandbox gives the box network. */
    @Test
    void enableNetworkGivesTheRunANetworkOfItsOwn() {
        JsonNode on = judged(submission(INTERFACES_C, 50, "", "tap0\n").put("enable_network", true),
                "status,stdout,enable_network");
        assertThat(on.path("status").path("id").asInt()).as("%s", on).isEqualTo(3);
        assertThat(on.path("enable_network").asBoolean()).isTrue();
        JsonNode off = judged(submission(INTERFACES_C, 50, "", "none\n").put("enable_network", false)
                .put("redirect_stderr_to_stdout", false), "status,enable_network,redirect_stderr_to_stdout");
        assertThat(off.path("status").path("id").asInt()).as("%s", off).isEqualTo(3);
        assertThat(off.path("enable_network").asBoolean()).isFalse();
        assertThat(judge0("GET", "/config_info", null, TOKEN).json().path("allow_enable_network").asBoolean())
                .isTrue();
    }

    @Test
    void theIndexIsPaginatedAsJudge0AnswersItForAdministrators() {
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            tokens.add(0, created(submission(ECHO_SUM, 50, i + " 1\n", (i + 1) + "\n"), "").path("token").asText());
            JudgingScenarios.sleep(20); // created_at orders the index
        }
        tokens.forEach(t -> awaitJudge0(t, ""));

        JsonNode first = index("?per_page=3", ADMIN_USER).json();
        JsonNode meta = first.path("meta");
        long total = meta.path("total_count").asLong();
        assertThat(total).isGreaterThanOrEqualTo(3);
        assertThat(meta.path("current_page").asInt()).isEqualTo(1);
        assertThat(meta.path("prev_page").isNull()).isTrue();
        assertThat(meta.path("total_pages").asLong()).isEqualTo((total + 2) / 3);
        assertThat(meta.path("next_page").isNull()).isEqualTo(total <= 3);
        List<String> listed = new ArrayList<>();
        first.path("submissions").forEach(s -> listed.add(s.path("token").asText()));
        assertThat(listed).as("newest first").containsExactlyElementsOf(tokens);
        assertThat(first.path("submissions").get(0).has("stdout")).as("Judge0's default fields").isTrue();
        assertThat(first.path("submissions").get(0).has("source_code")).isFalse();

        JsonNode encoded = index("?per_page=1&fields=token,stdout,language&base64_encoded=true", ADMIN_USER).json();
        JsonNode newest = encoded.path("submissions").get(0);
        assertThat(newest.size()).isEqualTo(3);
        assertThat(Judge0Scenarios.unb64(newest.path("stdout"))).isEqualTo("3\n");
        assertThat(newest.path("language").path("id").asInt()).isEqualTo(50);
        assertThat(encoded.path("meta").path("next_page").asInt()).isEqualTo(2);
        assertThat(encoded.path("meta").path("total_pages").asLong()).isEqualTo(total);

        JsonNode second = index("?per_page=1&page=2", ADMIN_USER).json();
        assertThat(second.path("submissions").get(0).path("token").asText()).isEqualTo(tokens.get(1));
        assertThat(second.path("meta").path("prev_page").asInt()).isEqualTo(1);

        JsonNode past = index("?per_page=20&page=" + (total / 20 + 2), ADMIN_USER).json();
        assertThat(past.path("submissions")).isEmpty();
        assertThat(past.path("meta").path("next_page").isNull()).isTrue();
        assertThat(index("", ADMIN_USER).json().path("submissions").size()).isEqualTo((int) Math.min(20, total));

        index("", null).problem(403);
        index("", "not-the-token").problem(403);
        assertThat(index("?page=0", ADMIN_USER).problem(400).path("detail").asText()).contains("invalid page: 0");
        assertThat(index("?page=abc", ADMIN_USER).problem(400).path("detail").asText()).contains("invalid page: 0");
        assertThat(index("?per_page=-1", ADMIN_USER).problem(400).path("detail").asText())
                .contains("invalid per_page: -1");
        index("?fields=nonsense", ADMIN_USER).problem(400);
    }
}
