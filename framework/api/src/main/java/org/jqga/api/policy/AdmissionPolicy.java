package org.jqga.api.policy;

/**
 * The live policy's verdict on a command by its name and declared risk group, asked by the engine
 * for every request (and for guest-info). Frozen state is not its concern: the engine applies it on top.
 * Implementations answer from an in-memory snapshot and never block.
 */
@FunctionalInterface
public interface AdmissionPolicy {

    /**
     * @param command the wire name
     * @param risk    the command's declared {@link org.jqga.api.RiskGroup}, {@code unclassified} when it declared none
     */
    Decision decide(String command, String risk);
}
