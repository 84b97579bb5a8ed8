package org.jqga.engine.internal.dispatch;

import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.framework.ServiceReference;

/** What a command service declared about itself through {@link GuestCommand}'s service properties. */
record CommandDescriptor(String name, boolean successResponse, boolean allowedWhileFrozen, String risk,
                         boolean nonBlocking) {

    static CommandDescriptor of(ServiceReference<?> reference) {
        Object risk = reference.getProperty(GuestCommand.RISK_PROPERTY);
        return new CommandDescriptor(
                (String) reference.getProperty(GuestCommand.NAME_PROPERTY),
                flag(reference, GuestCommand.SUCCESS_RESPONSE_PROPERTY, true),
                flag(reference, GuestCommand.ALLOWED_WHILE_FROZEN_PROPERTY, false),
                risk instanceof String s && !s.isEmpty() ? s : RiskGroup.UNCLASSIFIED,
                flag(reference, GuestCommand.NON_BLOCKING_PROPERTY, false));
    }

    private static boolean flag(ServiceReference<?> reference, String property, boolean fallback) {
        Object value = reference.getProperty(property);
        if (value instanceof Boolean b) {
            return b;
        }
        return value instanceof String s ? Boolean.parseBoolean(s) : fallback;
    }
}
