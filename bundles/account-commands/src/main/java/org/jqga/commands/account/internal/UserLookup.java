package org.jqga.commands.account.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import org.jqga.api.CommandException;

/**
 * The user lookup of the ssh key commands with its error text. qemu-ga 7.2 appends strerror(errno) after a
 * failed getpwnam, which is "Success" for a user that simply does not exist; this says so instead.
 */
final class UserLookup {

    private UserLookup() {
    }

    static UserAccount require(UserDatabase users, String name) throws CommandException {
        if (name.indexOf('\0') >= 0) {
            // a C lookup would see only the part before the NUL, i.e. possibly another user
            throw notFound(name);
        }
        try {
            return users.find(name).orElseThrow(() -> notFound(name));
        } catch (IOException e) {
            throw CommandException.genericError("failed to lookup user '" + name + "': " + ErrnoText.of(e));
        }
    }

    private static CommandException notFound(String name) {
        return CommandException.genericError("failed to lookup user '" + name + "': No such user");
    }
}
