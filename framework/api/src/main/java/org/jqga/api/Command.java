package org.jqga.api;

/**
 * One guest-agent command, registered as an OSGi service and declared with {@link GuestCommand}.
 *
 * <p>The dispatcher fetches the service for every request, so a bundle that is updated or replaced
 * serves the next request. {@code A} is the type the request's {@code arguments} object is bound to:
 * a record whose components are the command's parameters (JSON names are the components' names in
 * kebab-case, e.g. {@code bufB64} is {@code buf-b64}), or {@link NoArguments}. Binding applies
 * qemu-ga's checks and error texts before {@code execute} runs, so a handler never sees a missing,
 * unknown or mistyped argument.
 *
 * <p>The result is serialised with Jackson: a record, map, list, string, number, boolean, or
 * {@link NoResult#INSTANCE} for {@code {}}. Record components that are {@code null} are omitted,
 * as QAPI omits absent optional members.
 *
 * @param <A> the arguments record
 */
@FunctionalInterface
public interface Command<A> {

    Object execute(A arguments, CommandContext context) throws CommandException;
}
