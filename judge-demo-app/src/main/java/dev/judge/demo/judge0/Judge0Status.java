package dev.judge.demo.judge0;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.judge.demo.results.ResultDocument;
import dev.judge.demo.results.TestDocument;
import java.util.List;

/** Judge0 CE 1.13's statuses (ids 1-14) and how a judge result maps onto them. */
public record Judge0Status(@JsonProperty("id") int id, @JsonProperty("description") String description) {
    public static final List<Judge0Status> ALL = List.of(
            new Judge0Status(1, "In Queue"),
            new Judge0Status(2, "Processing"),
            new Judge0Status(3, "Accepted"),
            new Judge0Status(4, "Wrong Answer"),
            new Judge0Status(5, "Time Limit Exceeded"),
            new Judge0Status(6, "Compilation Error"),
            new Judge0Status(7, "Runtime Error (SIGSEGV)"),
            new Judge0Status(8, "Runtime Error (SIGXFSZ)"),
            new Judge0Status(9, "Runtime Error (SIGFPE)"),
            new Judge0Status(10, "Runtime Error (SIGABRT)"),
            new Judge0Status(11, "Runtime Error (NZEC)"),
            new Judge0Status(12, "Runtime Error (Other)"),
            new Judge0Status(13, "Internal Error"),
            new Judge0Status(14, "Exec Format Error"));

    static Judge0Status byId(int id) {
        return ALL.get(id - 1);
    }

    /** The status of a result: queued and running ones by state, finished ones by verdict and signal. */
    static Judge0Status of(ResultDocument d) {
        if (d == null || d.status().equals("QUEUED")) {
            return byId(1);
        }
        if (!d.finished()) {
            return byId(2);
        }
        TestDocument t = Judge0Runs.last(d);
        return switch (d.verdict()) {
            case "AC" -> byId(3);
            case "WA", "PE" -> byId(4);
            case "TLE" -> byId(5);
            case "CE" -> byId(6);
            case "OLE" -> byId(8);
            case "RE" -> byId(runtimeError(t));
            case "MLE" -> byId(12);
            default -> byId(13);
        };
    }

    private static int runtimeError(TestDocument t) {
        if (t == null) {
            return 12;
        }
        return switch (t.signal()) {
            case 0 -> t.exitCode() == 126 ? 14 : 11;
            case 11 -> 7;
            case 25 -> 8;
            case 8 -> 9;
            case 6 -> 10;
            default -> 12;
        };
    }
}
