package dev.judge.demo.submission;

import java.util.List;

/** One page of a submission listing, newest first. */
public record SubmissionPage(List<SubmissionSummary> items, int page, int size, long total) {
}
