package org.jqga.audit;

import java.io.IOException;
import java.util.List;

/** Where audit lines end up. Called from the writer thread only. */
interface AuditSink extends AutoCloseable {

    void write(List<String> lines) throws IOException;

    @Override
    void close();
}
