package org.jqga.commands.account.internal;

import java.nio.file.Path;
import java.util.Optional;
import jnr.posix.Passwd;
import org.jqga.posix.Posix;

/** getpwnam(3) through jnr-posix: every user the guest's name service switch knows. */
final class NssUserDatabase implements UserDatabase {

    @Override
    public Optional<UserAccount> find(String name) {
        Passwd entry = Posix.jnr().getpwnam(name);
        if (entry == null) {
            return Optional.empty();
        }
        return Optional.of(new UserAccount(entry.getLoginName(), (int) entry.getUID(), (int) entry.getGID(),
                Path.of(entry.getHome())));
    }
}
