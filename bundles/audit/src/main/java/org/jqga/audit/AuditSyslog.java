package org.jqga.audit;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import org.jqga.posix.PosixException;
import org.jqga.posix.UnixDatagramSocket;

/**
 * The audit trail as syslog messages: one datagram per record to the local syslog socket (/dev/log), in the local
 * format glibc's syslog(3) sends and every local daemon (rsyslog, syslog-ng, journald) reads:
 * {@code <PRI>Mmm dd hh:mm:ss jqga[PID]: {"time":...}}, the record's JSON line as the message, severity info.
 * The socket is connected on first use and again after a failure (the daemon restarted); a send waits at most
 * {@link #SEND_TIMEOUT} for a stuck daemon, on the writer thread only.
 */
final class AuditSyslog implements AuditSink {

    static final String DEFAULT_SOCKET = "/dev/log";
    static final Duration SEND_TIMEOUT = Duration.ofSeconds(2);
    static final String TAG = "jqga";
    private static final int SEVERITY_INFO = 6;
    private static final DateTimeFormatter TIMESTAMP = DateTimeFormatter.ofPattern("MMM ppd HH:mm:ss", Locale.ENGLISH);

    private final String socketPath;
    private final SyslogFacility facility;
    private final Clock clock;
    private final long pid = ProcessHandle.current().pid();
    private UnixDatagramSocket socket;

    /** @param clock local time for the header, as syslog(3) writes it */
    AuditSyslog(String socketPath, SyslogFacility facility, Clock clock) {
        this.socketPath = socketPath;
        this.facility = facility;
        this.clock = clock;
    }

    @Override
    public void write(List<String> lines) throws IOException {
        for (String line : lines) {
            byte[] message = message(line).getBytes(StandardCharsets.UTF_8);
            try {
                send(message);
            } catch (PosixException first) {
                close(); // the daemon may have restarted: one new connection, then give up on this batch
                send(message);
            }
        }
    }

    String message(String line) {
        String json = line.endsWith("\n") ? line.substring(0, line.length() - 1) : line;
        return "<" + (facility.code() * 8 + SEVERITY_INFO) + ">" + TIMESTAMP.format(clock.instant().atZone(clock.getZone()))
                + " " + TAG + "[" + pid + "]: " + json;
    }

    private void send(byte[] message) throws PosixException {
        if (socket == null) {
            socket = UnixDatagramSocket.connect(socketPath, SEND_TIMEOUT);
        }
        socket.send(java.nio.ByteBuffer.wrap(message));
    }

    @Override
    public void close() {
        if (socket != null) {
            socket.close();
            socket = null;
        }
    }
}
