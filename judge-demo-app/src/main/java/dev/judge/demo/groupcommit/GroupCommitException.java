package dev.judge.demo.groupcommit;

/** A submission was not stored because the group commit it was part of failed, or the server is stopping. */
public class GroupCommitException extends RuntimeException {
    public GroupCommitException(String message, Throwable cause) {
        super(message, cause);
    }
}
