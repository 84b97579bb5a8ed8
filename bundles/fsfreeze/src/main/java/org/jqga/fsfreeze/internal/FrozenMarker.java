package org.jqga.fsfreeze.internal;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code <statedir>/qga.state.isfrozen}, qemu-ga's marker that filesystems are frozen: created before the
 * first FIFREEZE, deleted after thawing. An agent that starts and finds it comes up frozen, because it
 * cannot know whether a previous instance died with filesystems frozen. Same name as qemu-ga's, so either
 * agent honours the other's marker.
 */
final class FrozenMarker {

    static final String FILE_NAME = org.jqga.api.FrozenFilesystems.MARKER_FILE;

    private final Path path;

    FrozenMarker(Path stateDir) {
        this.path = stateDir.resolve(FILE_NAME);
    }

    Path path() {
        return path;
    }

    boolean exists() {
        return Files.exists(path);
    }

    /** Creates the empty marker; an existing one is kept. */
    void create() throws IOException {
        if (!Files.exists(path)) {
            Files.createFile(path);
        }
    }

    void delete() throws IOException {
        Files.deleteIfExists(path);
    }
}
