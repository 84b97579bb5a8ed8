package org.jqga.api;

import java.util.List;

/** The live set of registered commands, as guest-info reports it. A service of the engine. */
public interface CommandCatalog {

    /** Every registered command once, with whether policy and frozen state allow it right now. */
    List<CommandInfo> commands();

    record CommandInfo(String name, boolean enabled, boolean successResponse) {
    }
}
