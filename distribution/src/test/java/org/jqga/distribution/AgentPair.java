package org.jqga.distribution;

/**
 * The two sides of a differential test: Debian's qemu-ga and jqga, started with the same arguments, each with a
 * connected client. Closing stops both, by their PIDs.
 */
final class AgentPair implements AutoCloseable {

    final QgaClient reference;
    final QgaClient jqga;
    private final AgentProcess referenceAgent;
    private final AgentProcess jqgaAgent;

    private AgentPair(AgentProcess referenceAgent, AgentProcess jqgaAgent) throws Exception {
        this.referenceAgent = referenceAgent;
        this.jqgaAgent = jqgaAgent;
        this.reference = referenceAgent.connect();
        this.jqga = jqgaAgent.connect();
    }

    static AgentPair start(String... arguments) throws Exception {
        AgentProcess referenceAgent = AgentProcess.qemuGa(arguments);
        AgentProcess jqgaAgent;
        try {
            jqgaAgent = AgentProcess.jqga(arguments);
        } catch (Exception | Error e) {
            referenceAgent.close();
            throw e;
        }
        try {
            return new AgentPair(referenceAgent, jqgaAgent);
        } catch (Exception | Error e) {
            referenceAgent.close();
            jqgaAgent.close();
            throw e;
        }
    }

    @Override
    public void close() throws Exception {
        try (referenceAgent; jqgaAgent; QgaClient r = reference; QgaClient j = jqga) {
            // resources closed in reverse order: clients first, then the agents
        }
    }
}
