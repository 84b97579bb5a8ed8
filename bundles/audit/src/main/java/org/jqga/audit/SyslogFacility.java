package org.jqga.audit;

import java.util.Locale;

/** The syslog facilities an audit trail may go to (RFC 5424 codes). */
enum SyslogFacility {
    AUTH(4), AUTHPRIV(10), DAEMON(3), USER(1),
    LOCAL0(16), LOCAL1(17), LOCAL2(18), LOCAL3(19), LOCAL4(20), LOCAL5(21), LOCAL6(22), LOCAL7(23);

    private final int code;

    SyslogFacility(int code) {
        this.code = code;
    }

    int code() {
        return code;
    }

    /** By its lower-case name as syslog.conf writes it; null when unknown. */
    static SyslogFacility named(String name) {
        try {
            return valueOf(name.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
