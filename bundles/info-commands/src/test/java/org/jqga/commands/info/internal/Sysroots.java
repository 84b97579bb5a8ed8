package org.jqga.commands.info.internal;

import java.net.URISyntaxException;
import java.nio.file.Path;
import org.jqga.api.NoArguments;

/** The captured guest trees under src/test/resources/sysroots. */
final class Sysroots {

    static final NoArguments NONE = new NoArguments();

    private Sysroots() {
    }

    /** guest: a complete sample; broken: unreadable or malformed files; bare: nothing at all. */
    static SystemPaths of(String name) {
        try {
            return new SystemPaths(Path.of(Sysroots.class.getResource("/sysroots/" + name + "/").toURI()));
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
