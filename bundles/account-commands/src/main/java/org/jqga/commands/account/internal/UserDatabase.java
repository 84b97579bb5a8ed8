package org.jqga.commands.account.internal;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;
import org.osgi.framework.BundleContext;

/**
 * Looks a user up by name, as getpwnam(3) does for qemu-ga.
 *
 * <p>Two sources: the system's user database through getpwnam ({@link NssUserDatabase}, the default, because
 * users may come from LDAP, sssd or systemd-homed rather than /etc/passwd), or one passwd(5) file
 * ({@link PasswdFile}) named by {@value #PASSWD_FILE}, which is how tests and unusual guests get a user table
 * with scratch homes without touching the system's.
 */
interface UserDatabase {

    String PASSWD_FILE = "org.jqga.account.passwd";

    /** @throws IOException when the database cannot be read (not when the user does not exist) */
    Optional<UserAccount> find(String name) throws IOException;

    static UserDatabase of(BundleContext context) {
        String file = context.getProperty(PASSWD_FILE);
        return file == null || file.isBlank() ? new NssUserDatabase() : new PasswdFile(Path.of(file));
    }
}
