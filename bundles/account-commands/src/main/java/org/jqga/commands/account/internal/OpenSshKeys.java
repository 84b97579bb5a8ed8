package org.jqga.commands.account.internal;

import java.util.List;
import org.jqga.api.CommandException;

/**
 * qemu-ga's sanity check of keys to add or remove: no comment line and no newline (one key is one line). An
 * empty key is refused as well, as the protocol reference says (qemu-ga 7.2 itself lets "" through and then
 * writes an empty line).
 */
final class OpenSshKeys {

    private OpenSshKeys() {
    }

    static void check(List<String> keys) throws CommandException {
        for (String key : keys) {
            if (key.isEmpty() || key.charAt(0) == '#' || key.indexOf('\n') >= 0) {
                throw CommandException.genericError("invalid OpenSSH public key: '" + key + "'");
            }
        }
    }
}
