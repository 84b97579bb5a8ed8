package org.jqga.commands.account.internal;

import java.util.ArrayList;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoResult;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-ssh-add-authorized-keys: appends the keys the file does not hold yet (exact string comparison, lines
 * kept as they are); with {@code reset} the existing content is dropped instead. An unreadable or missing file
 * counts as empty, and ~/.ssh is created when the file could not be read.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-ssh-add-authorized-keys", risk = RiskGroup.ACCOUNT)
public final class GuestSshAddAuthorizedKeys implements Command<GuestSshAddAuthorizedKeys.Arguments> {

    public record Arguments(String username, List<String> keys, @OptionalArgument Boolean reset) {
    }

    private final UserDatabase users;

    @Activate
    public GuestSshAddAuthorizedKeys(BundleContext context) {
        this(UserDatabase.of(context));
    }

    GuestSshAddAuthorizedKeys(UserDatabase users) {
        this.users = users;
    }

    @Override
    public Object execute(Arguments arguments, CommandContext context) throws CommandException {
        OpenSshKeys.check(arguments.keys());
        UserAccount user = UserLookup.require(users, arguments.username());
        AuthorizedKeysFile file = new AuthorizedKeysFile(user);
        List<String> lines = null;
        if (!Boolean.TRUE.equals(arguments.reset())) {
            try {
                lines = new ArrayList<>(file.read());
            } catch (CommandException unreadable) {
                // as qemu-ga: whatever cannot be read is replaced
            }
        }
        if (lines == null) {
            lines = new ArrayList<>();
            file.ensureSshDirectory();
        }
        for (String key : arguments.keys()) {
            if (!lines.contains(key)) {
                lines.add(key);
            }
        }
        file.write(lines);
        return NoResult.INSTANCE;
    }
}
