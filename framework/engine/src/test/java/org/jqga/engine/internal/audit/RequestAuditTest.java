package org.jqga.engine.internal.audit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.jqga.api.audit.RequestObserver;
import org.jqga.api.audit.RequestRecord;
import org.junit.jupiter.api.Test;

class RequestAuditTest {

    private final ObjectMapper json = new ObjectMapper();
    private final List<RequestObserver> observers = new CopyOnWriteArrayList<>();
    private final List<RequestRecord> records = new CopyOnWriteArrayList<>();
    private final RequestAudit audit = new RequestAudit(observers);

    @Test
    void oneRecordWithDecisionResultAndDuration() throws Exception {
        observers.add(records::add);
        RequestAudit.Trace trace = audit.begin(json.readTree("{\"execute\":\"guest-exec\",\"arguments\":{\"path\":\"/bin/true\"}}"));
        audit.decided(false, "policy file P: deny-risk exec");
        audit.complete(trace, json.readTree("{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"Command guest-exec has been disabled\"}}"));
        assertEquals(1, records.size());
        RequestRecord record = records.get(0);
        assertEquals("guest-exec", record.command());
        assertEquals(ArgumentDigest.of(json.readTree("{\"path\":\"/bin/true\"}")), record.argumentsSha256());
        assertEquals("refused", record.decision());
        assertEquals("policy file P: deny-risk exec", record.rule());
        assertEquals("CommandNotFound", record.result());
        assertTrue(record.durationMicros() >= 0);
        assertEquals("host", record.origin());
    }

    @Test
    void anAdminSessionsRecordSaysSo() throws Exception {
        observers.add(records::add);
        RequestAudit.Trace trace = audit.begin(json.readTree("{\"execute\":\"__org.jqga_bundle-list\"}"),
                org.jqga.api.transport.SessionOrigin.LOCAL_ADMIN);
        audit.decided(true, "admin socket (local root): admin and info commands");
        audit.complete(trace, json.readTree("{\"return\":[]}"));
        assertEquals("local-admin", records.get(0).origin());
    }

    @Test
    void undecidedOkAndNoReplyResults() throws Exception {
        observers.add(records::add);
        audit.complete(audit.begin(json.readTree("{\"execute\":\"nope\"}")),
                json.readTree("{\"error\":{\"class\":\"CommandNotFound\",\"desc\":\"The command nope has not been found\"}}"));
        RequestAudit.Trace ping = audit.begin(json.readTree("{\"execute\":\"guest-ping\"}"));
        audit.decided(true, "default: allowed");
        audit.complete(ping, json.readTree("{\"return\":{}}"));
        RequestAudit.Trace shutdown = audit.begin(json.readTree("{\"execute\":\"guest-shutdown\"}"));
        audit.decided(true, "default: allowed");
        audit.complete(shutdown, null);
        assertEquals("none", records.get(0).decision());
        assertNull(records.get(0).rule());
        assertEquals("ok", records.get(1).result());
        assertEquals("allowed", records.get(1).decision());
        assertEquals("no-reply", records.get(2).result());
    }

    @Test
    void aFailingObserverNeverCostsTheRequest() throws Exception {
        observers.add(r -> {
            throw new IllegalStateException("sink broken");
        });
        observers.add(records::add);
        audit.complete(audit.begin(json.readTree("{\"execute\":\"guest-ping\"}")), json.readTree("{\"return\":{}}"));
        assertEquals(1, records.size());
    }

    @Test
    void withoutObserversNothingIsTraced() throws Exception {
        assertNull(audit.begin(json.readTree("{\"execute\":\"guest-ping\"}")));
        audit.decided(true, "x");
        audit.complete(null, null);
    }
}
