package dev.judge.demo.judge0;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** {@code POST /judge0/submissions/batch}: {@code {"submissions": [...]}}. */
@JsonIgnoreProperties(ignoreUnknown = true)
public record Judge0BatchRequest(@JsonProperty("submissions") List<Judge0Request> submissions) {
}
