package dev.judge.demo;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.judge.demo.support.LimitsServerTest;
import dev.judge.demo.support.ServerSupport;
import dev.judge.demo.support.Zips;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A problem never holds more tests than the judge takes in one submission: with {@code judge.caps.max-tests=3}
 * and the server's own cap left unset, a fourth test is refused with Problem Details, by archive and one by one.
 */
@LimitsServerTest
class ProblemCapsOverHttpTest extends ServerSupport {

    @Test
    void aProblemGetsNoMoreTestsThanTheJudgeTakes() {
        String admin = adminToken();
        long problem = createProblem(admin, "Capped");
        String tests = "/api/v1/problems/" + problem + "/tests";

        Response four = putZip(tests, admin, Zips.create()
                .file("1.in", "1\n").file("1.out", "1\n").file("2.in", "2\n").file("2.out", "2\n")
                .file("3.in", "3\n").file("3.out", "3\n").file("4.in", "4\n").file("4.out", "4\n").bytes());
        JsonNode refused = four.problem(422);
        assertThat(refused.path("detail").asText()).contains("4 tests").contains("3");
        assertThat(get(tests, admin).json()).as("nothing of the refused archive is kept").isEmpty();

        Response three = putZip(tests, admin, Zips.create()
                .file("1.in", "1\n").file("1.out", "1\n").file("2.in", "2\n").file("2.out", "2\n")
                .file("3.in", "3\n").file("3.out", "3\n").bytes());
        assertThat(three.status()).as(three.body()).isEqualTo(200);

        Response fourth = putJson(tests + "/4", admin, json(Map.of("input", "4\n", "expectedOutput", "4\n")));
        assertThat(fourth.problem(422).path("detail").asText()).contains("at most 3 tests");
        assertThat(get(tests, admin).json()).hasSize(3);
    }
}
