package org.jqga.api;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.osgi.service.component.annotations.ComponentPropertyType;

/**
 * Declares a {@link Command} component's name and what it is, as service properties
 * ({@code jqga.command.name}, {@code jqga.command.successResponse}, ...). Put it beside
 * {@code @Component(service = Command.class)}.
 */
@ComponentPropertyType
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
public @interface GuestCommand {

    String PREFIX_ = "jqga.command.";

    /** Service property holding the command name. */
    String NAME_PROPERTY = "jqga.command.name";
    String SUCCESS_RESPONSE_PROPERTY = "jqga.command.successResponse";
    String ALLOWED_WHILE_FROZEN_PROPERTY = "jqga.command.allowedWhileFrozen";
    String RISK_PROPERTY = "jqga.command.risk";
    String NON_BLOCKING_PROPERTY = "jqga.command.nonBlocking";

    /** The wire name: {@code guest-*} for qemu-ga's commands, {@code __RFQDN_name} for extensions. */
    String name();

    /** False for commands that send no reply when they succeed (guest-shutdown, guest-suspend-*). */
    boolean successResponse() default true;

    /** True only for the few commands qemu-ga keeps enabled while filesystems are frozen. */
    boolean allowedWhileFrozen() default false;

    /** The command's risk group, one of {@link RiskGroup}; undeclared counts as the most risky. */
    String risk() default RiskGroup.UNCLASSIFIED;

    /**
     * True only for handlers that answer at once from memory and can neither block nor loop (guest-ping,
     * guest-sync): the engine then runs them on the channel's own thread, without the per-command deadline and
     * the hand-off to a worker thread that a host's every ping would otherwise pay. A handler that declares this and
     * blocks stalls the channel.
     */
    boolean nonBlocking() default false;
}
