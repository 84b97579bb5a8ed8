package org.jqga.policy;

import java.nio.file.Path;

/** Where the file part of the policy comes from. */
sealed interface PolicySource {

    /** The file's rules ({@link PolicyFile#EMPTY} when there is none). */
    PolicyFile file();

    /** How decisions name this source. */
    String label();

    /** No policy file at the configured path (only the command-line lists and defaults apply). */
    record None(Path path) implements PolicySource {
        @Override
        public PolicyFile file() {
            return PolicyFile.EMPTY;
        }

        @Override
        public String label() {
            return path == null ? "default (no policy file configured)" : "default (no policy file " + path + ")";
        }
    }

    /** A valid file. */
    record Loaded(Path path, PolicyFile file) implements PolicySource {
        @Override
        public String label() {
            return "policy file " + path;
        }
    }

    /** The file was invalid at start-up: nothing but the protocol commands runs until a valid file appears. */
    record FailClosed(Path path, String problem) implements PolicySource {
        @Override
        public PolicyFile file() {
            return PolicyFile.EMPTY;
        }

        @Override
        public String label() {
            return "fail-closed: policy file " + path + " is invalid";
        }
    }
}
