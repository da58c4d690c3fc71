package dev.judge.core.model;

/** Queue lane of a job. Higher lanes are always claimed first. */
public enum Priority {
    HIGH, NORMAL, LOW
}
