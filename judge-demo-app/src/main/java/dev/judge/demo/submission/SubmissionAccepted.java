package dev.judge.demo.submission;

/** The answer to an accepted submission: its id and {@code QUEUED}. */
public record SubmissionAccepted(String id, String status) {
}
