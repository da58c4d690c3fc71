package dev.judge.core.store;

/** Factories of the result stores that ship with the core. */
public final class ResultStores {
    private ResultStores() {
    }

    /** A result store in this JVM's memory: fast, shared by nothing else, lost on exit. */
    public static ResultStore inMemory() {
        return new InMemoryResultStore();
    }
}
