package dev.judge.demo.contest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.util.List;

/**
 * A new contest. {@code freezeMinutes}: how long before the end the public scoreboard freezes (default 60 for
 * ICPC, none for IOI; 0 = never). {@code penaltyMinutes}: per rejected try (ICPC, default 20).
 */
public record ContestRequest(@NotBlank @Size(max = 200) String title, @NotNull Scoring scoring,
        @NotNull Instant startsAt, @NotNull Instant endsAt, @Min(0) @Max(525_600) Integer freezeMinutes,
        @Min(0) @Max(1_000) Integer penaltyMinutes, @NotEmpty @Size(max = 52) List<@Valid @NotNull Entry> problems) {

    /** A problem under its label (1 to 8 letters or digits: A, B, ..., or P1). */
    public record Entry(@NotBlank @Pattern(regexp = "[A-Za-z0-9]{1,8}") String label, @NotNull Long problemId) {
    }
}
