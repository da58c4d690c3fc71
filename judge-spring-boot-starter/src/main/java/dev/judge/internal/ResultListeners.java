package dev.judge.internal;

import dev.judge.core.model.SubmissionResult;
import dev.judge.core.store.ResultListener;
import dev.judge.core.store.ResultStore;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The listeners of one node's result store. A store tells them of its own writes from {@code save}; the
 * changes of other nodes arrive as notices {@code "<writer node> <rest>"} (the rest is an id or a JSON result)
 * or rows naming their writer. Internal to the starter.
 */
public final class ResultListeners {
    private static final Logger LOG = LoggerFactory.getLogger(ResultListeners.class);

    private final String node;
    private final CopyOnWriteArrayList<ResultListener> listeners = new CopyOnWriteArrayList<>();

    /** @param node this node's name, as its writes carry it */
    public ResultListeners(String node) {
        this.node = node;
    }

    public ResultStore.Subscription add(ResultListener listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /** Whether a change written by {@code writer} is news here: not when this node wrote it, nor with no listener. */
    public boolean wants(String writer) {
        return !writer.equals(node) && !listeners.isEmpty();
    }

    /** The rest of a notice, or null when it is malformed or not {@linkplain #wants wanted}. */
    public String restOfNotice(String notice) {
        int space = notice.indexOf(' ');
        return space < 0 || !wants(notice.substring(0, space)) ? null : notice.substring(space + 1);
    }

    /** Tells every listener; one that throws is logged and does not keep the change from the others. */
    public void dispatch(SubmissionResult result) {
        for (ResultListener l : listeners) {
            try {
                l.onChange(result);
            } catch (RuntimeException e) {
                LOG.warn("result listener failed for submission {}", result.submissionId(), e);
            }
        }
    }

    /** Decodes a result's JSON and dispatches it; an unreadable one is logged as {@code what} and dropped. */
    public void dispatchJson(String json, String what) {
        SubmissionResult result;
        try {
            result = PayloadCodec.resultFromJson(json);
        } catch (RuntimeException e) {
            LOG.warn("{} is unreadable: {}", what, e.getMessage());
            return;
        }
        dispatch(result);
    }
}
