package org.jqga.engine.internal.audit;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.Collection;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jqga.api.audit.RequestObserver;
import org.jqga.api.audit.RequestRecord;
import org.jqga.api.transport.SessionOrigin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Builds one {@link RequestRecord} per request and hands it to the registered {@link RequestObserver}s. The
 * dispatcher brackets each request with {@link #begin} and {@link #complete}; the policy decision, made in
 * between on the same thread, is noted with {@link #decided}. Costs nothing while no observer is registered.
 */
public final class RequestAudit {

    private static final Logger LOG = LoggerFactory.getLogger(RequestAudit.class);

    /** Auditing nothing: for tests and for an engine without observers. */
    public static final RequestAudit NONE = new RequestAudit(java.util.List.of());

    private final Collection<RequestObserver> observers;
    private final ThreadLocal<Trace> current = new ThreadLocal<>();
    private final AtomicBoolean observerFailureLogged = new AtomicBoolean();

    /** @param observers a live, thread-safe collection (the engine's whiteboard) */
    public RequestAudit(Collection<RequestObserver> observers) {
        this.observers = observers;
    }

    /** A host request is taken up; null when nobody listens. */
    public Trace begin(JsonNode request) {
        return begin(request, SessionOrigin.HOST);
    }

    /** A request of {@code origin} is taken up; null when nobody listens. */
    public Trace begin(JsonNode request, SessionOrigin origin) {
        if (observers.isEmpty()) {
            return null;
        }
        Trace trace = new Trace(Instant.now(), System.nanoTime(), request, origin);
        current.set(trace);
        return trace;
    }

    /** The policy's verdict on the request this thread is serving. */
    public void decided(boolean allowed, String rule) {
        Trace trace = current.get();
        if (trace != null) {
            trace.decision = allowed ? RequestRecord.ALLOWED : RequestRecord.REFUSED;
            trace.rule = rule;
        }
    }

    /**
     * The request's reply is ready.
     *
     * @param replyBody the reply's JSON object, null when the command sends no reply
     */
    public void complete(Trace trace, JsonNode replyBody) {
        if (trace == null) {
            return;
        }
        current.remove();
        long micros = (System.nanoTime() - trace.startNanos) / 1000;
        RequestRecord record = new RequestRecord(trace.time, commandOf(trace.request), argumentsDigest(trace.request),
                trace.decision, trace.rule, resultOf(replyBody), micros, trace.origin.wireName());
        for (RequestObserver observer : observers) {
            try {
                observer.requestCompleted(record);
            } catch (RuntimeException e) {
                // an audit sink must never cost the host its reply; say so once, not per request
                if (observerFailureLogged.compareAndSet(false, true)) {
                    LOG.error("request observer {} failed (further failures not logged)", observer, e);
                }
            }
        }
    }

    private static String commandOf(JsonNode request) {
        JsonNode execute = request.isObject() ? request.get("execute") : null;
        return execute != null && execute.isTextual() ? execute.textValue() : null;
    }

    private static String argumentsDigest(JsonNode request) {
        JsonNode arguments = request.isObject() ? request.get("arguments") : null;
        return ArgumentDigest.of(arguments != null && arguments.isObject() ? arguments : null);
    }

    static String resultOf(JsonNode replyBody) {
        if (replyBody == null) {
            return RequestRecord.NO_REPLY;
        }
        JsonNode error = replyBody.get("error");
        return error == null ? RequestRecord.OK : error.path("class").asText();
    }

    /** One request in progress. */
    public static final class Trace {
        private final Instant time;
        private final long startNanos;
        private final JsonNode request;
        private final SessionOrigin origin;
        private String decision = RequestRecord.NOT_DECIDED;
        private String rule;

        private Trace(Instant time, long startNanos, JsonNode request, SessionOrigin origin) {
            this.time = time;
            this.startNanos = startNanos;
            this.request = request;
            this.origin = origin;
        }
    }
}
