package dev.judge.demo.submission;

/** What a listing asks for; null fields do not filter. {@code userId} null lists everyone's (administrators). */
public record SubmissionFilter(Long userId, Long problemId, String languageId, String verdict, String username) {
}
