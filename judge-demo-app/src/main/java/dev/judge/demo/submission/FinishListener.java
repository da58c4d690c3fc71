package dev.judge.demo.submission;

/** Told once per submission, on the node that recorded its final result. */
public interface FinishListener {

    void finished(SubmissionRow row);
}
