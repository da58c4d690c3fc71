package dev.judge.demo.judge0;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Judge0's option strings split as a shell splits words, with nothing expanded. */
class Judge0WordsTest {

    @Test
    void blanksSeparateAndQuotesKeep() {
        assertThat(Judge0Words.split("")).isEmpty();
        assertThat(Judge0Words.split("  \t ")).isEmpty();
        assertThat(Judge0Words.split("-O2  -Wall\t-std=c11\n-g")).containsExactly("-O2", "-Wall", "-std=c11", "-g");
        assertThat(Judge0Words.split("'a b' \"c d\" e\\ f")).containsExactly("a b", "c d", "e f");
        assertThat(Judge0Words.split("-DX='\"hi there\"'")).containsExactly("-DX=\"hi there\"");
        assertThat(Judge0Words.split("\"say \\\"hi\\\"\" 'it''s' \"\" ''")).containsExactly("say \"hi\"", "its", "",
                "");
        assertThat(Judge0Words.split("\"back\\\\slash\" \"keep\\n\" \\\\")).containsExactly("back\\slash", "keep\\n",
                "\\");
        assertThat(Judge0Words.split("*.c ~ {a,b} %s")).as("no globbing, tilde, brace or format expansion")
                .containsExactly("*.c", "~", "{a,b}", "%s");
    }

    @Test
    void refusesWhatJudge0StripsAndWhatCannotBeSplit() {
        for (String bad : List.of("$HOME", "a;b", "a&b", "a|b", "a>b", "a<b", "`id`", "'$x'")) {
            assertThatThrownBy(() -> Judge0Words.split(bad)).as(bad).isInstanceOf(Judge0Words.Malformed.class)
                    .hasMessageContaining("may not hold any of $&;<>|`");
        }
        assertThatThrownBy(() -> Judge0Words.split("'open")).hasMessageContaining("unterminated single quote");
        assertThatThrownBy(() -> Judge0Words.split("\"open")).hasMessageContaining("unterminated double quote");
        assertThatThrownBy(() -> Judge0Words.split("x".repeat(513))).hasMessageContaining("maximum is 512");
        assertThat(Judge0Words.split("x".repeat(512))).hasSize(1);
    }
}
