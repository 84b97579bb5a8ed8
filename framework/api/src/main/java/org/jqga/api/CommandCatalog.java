package org.jqga.api;

import java.util.List;

/** The live set of registered commands, as guest-info reports it. A service of the engine. */
public interface CommandCatalog {

    /**
     * Every registered command once, with whether policy and frozen state allow it right now. While the agent is
     * still starting its bundles, this waits (bounded) for them, so that a host that reads the list once gets all of it.
     */
    List<CommandInfo> commands();

    record CommandInfo(String name, boolean enabled, boolean successResponse) {
    }
}
