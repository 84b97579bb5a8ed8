package org.jqga.commands.account.internal;

import java.util.ArrayList;
import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-ssh-get-authorized-keys: the user's keys, each line stripped of surrounding whitespace, blank and
 * comment lines left out. The list is in reverse file order, as qemu-ga builds it (by prepending).
 *
 * <p>Risk group account although it only reads: which keys open the guest is what an administrator guards
 * together with changing them.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-ssh-get-authorized-keys", risk = RiskGroup.ACCOUNT)
public final class GuestSshGetAuthorizedKeys implements Command<GuestSshGetAuthorizedKeys.Arguments> {

    public record Arguments(String username) {
    }

    public record AuthorizedKeys(List<String> keys) {
    }

    private final UserDatabase users;

    @Activate
    public GuestSshGetAuthorizedKeys(BundleContext context) {
        this(UserDatabase.of(context));
    }

    GuestSshGetAuthorizedKeys(UserDatabase users) {
        this.users = users;
    }

    @Override
    public AuthorizedKeys execute(Arguments arguments, CommandContext context) throws CommandException {
        UserAccount user = UserLookup.require(users, arguments.username());
        List<String> keys = new ArrayList<>();
        for (String line : new AuthorizedKeysFile(user).read()) {
            String key = line.strip();
            if (!key.isEmpty() && key.charAt(0) != '#') {
                keys.add(0, key);
            }
        }
        return new AuthorizedKeys(keys);
    }
}
