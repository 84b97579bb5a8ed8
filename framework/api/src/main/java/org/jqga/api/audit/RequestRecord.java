package org.jqga.api.audit;

import java.time.Instant;

/**
 * One answered request, as the engine saw it.
 *
 * @param time            when the request was taken up
 * @param command         the {@code execute} name; null when the request had none (an envelope error)
 * @param argumentsSha256 lower-case hex SHA-256 of the canonical, redacted arguments: members sorted by name at every
 *                        level, printed without spaces, and every member named {@code buf-b64}, {@code password} or
 *                        {@code input-data} replaced by the length of its text; absent arguments count as {@code {}}
 * @param decision        {@link #ALLOWED}, {@link #REFUSED}, or {@link #NOT_DECIDED} when the request failed before
 *                        the policy was asked (envelope error, unknown command)
 * @param rule            the rule that decided; null when not decided
 * @param result          {@link #OK}, {@link #NO_REPLY}, or the error class name (GenericError, CommandNotFound)
 * @param durationMicros  from taking up the request to its reply being ready
 * @param origin          who sent the request: {@code host} or {@code local-admin}
 *                        ({@link org.jqga.api.transport.SessionOrigin#wireName()})
 */
public record RequestRecord(Instant time, String command, String argumentsSha256, String decision, String rule,
                            String result, long durationMicros, String origin) {

    /** A request of the host (the record as it was before 1.1.0). */
    public RequestRecord(Instant time, String command, String argumentsSha256, String decision, String rule,
                         String result, long durationMicros) {
        this(time, command, argumentsSha256, decision, rule, result, durationMicros,
                org.jqga.api.transport.SessionOrigin.HOST.wireName());
    }

    public static final String ALLOWED = "allowed";
    public static final String REFUSED = "refused";
    public static final String NOT_DECIDED = "none";
    public static final String OK = "ok";
    public static final String NO_REPLY = "no-reply";
}
