package dev.judge.core.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.judge.core.model.Status;
import dev.judge.core.store.tck.ResultStoreContract;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class InMemoryResultStoreTest extends ResultStoreContract {

    @Override
    protected ResultStore createStore() {
        return ResultStores.inMemory();
    }

    @Test
    void aFailingListenerDoesNotStopOthersOrTheWrite() {
        AtomicInteger calls = new AtomicInteger();
        store.subscribe(r -> {
            throw new IllegalStateException("listener broke");
        });
        store.subscribe(r -> calls.incrementAndGet());
        String id = newId();
        assertThat(store.save(at(id, Status.RUNNING, 0))).isTrue();
        assertThat(calls).hasValue(1);
        assertThat(store.find(id)).isPresent();
    }
}
