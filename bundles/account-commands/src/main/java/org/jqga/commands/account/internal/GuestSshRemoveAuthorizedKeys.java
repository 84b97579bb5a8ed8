package org.jqga.commands.account.internal;

import java.nio.file.Files;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoResult;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-ssh-remove-authorized-keys: rewrites the file without the lines equal to one of the keys. Nothing to
 * do, and success, when the user has no authorized_keys file.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-ssh-remove-authorized-keys", risk = RiskGroup.ACCOUNT)
public final class GuestSshRemoveAuthorizedKeys implements Command<GuestSshRemoveAuthorizedKeys.Arguments> {

    public record Arguments(String username, List<String> keys) {
    }

    private final UserDatabase users;

    @Activate
    public GuestSshRemoveAuthorizedKeys(BundleContext context) {
        this(UserDatabase.of(context));
    }

    GuestSshRemoveAuthorizedKeys(UserDatabase users) {
        this.users = users;
    }

    @Override
    public Object execute(Arguments arguments, CommandContext context) throws CommandException {
        OpenSshKeys.check(arguments.keys());
        UserAccount user = UserLookup.require(users, arguments.username());
        AuthorizedKeysFile file = new AuthorizedKeysFile(user);
        // GLib's G_FILE_TEST_EXISTS follows links: a dangling link counts as absent
        if (!Files.exists(file.file)) {
            return NoResult.INSTANCE;
        }
        List<String> kept = file.read().stream().filter(line -> !arguments.keys().contains(line)).toList();
        file.write(kept);
        return NoResult.INSTANCE;
    }
}
