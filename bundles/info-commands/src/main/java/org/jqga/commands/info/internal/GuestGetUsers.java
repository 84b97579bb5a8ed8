package org.jqga.commands.info.internal;

import java.io.IOException;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-users: who is logged in, from the utmp USER_PROCESS records: one entry per user name in the order
 * of their first record, with the earliest login time of that user. No utmp file (containers, minimal
 * guests) means nobody, as getutxent() reports for qemu-ga; an unreadable one likewise.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-users", risk = RiskGroup.INFO)
public final class GuestGetUsers implements Command<NoArguments> {

    /** {@code domain} is Windows-only in qemu-ga and so never sent here. */
    public record User(String user, double loginTime) {
    }

    /** glibc's _PATH_UTMP. */
    static final String UTMP = "/var/run/utmp";

    private final SystemPaths paths;
    /** Logins and logouts rewrite the file; KubeVirt asks every few seconds in between. */
    private final ParsedFile<List<User>> utmp = new ParsedFile<>(GuestGetUsers::users);

    @Activate
    public GuestGetUsers(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetUsers(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) {
        try {
            return utmp.readIfPresent(paths.resolve(UTMP), List.of());
        } catch (IOException e) {
            return List.of();   // getutxent() simply finds no records when it cannot open the file
        }
    }

    /** Each user once, with the earliest login: all from the file, so kept with it while it stays the same. */
    private static List<User> users(byte[] content) {
        Map<String, Double> earliest = new LinkedHashMap<>();
        for (UtmpFile.Entry entry : UtmpFile.parse(content, ByteOrder.nativeOrder())) {
            if (entry.type() == UtmpFile.USER_PROCESS) {
                earliest.merge(entry.user(), entry.loginTime(), Math::min);
            }
        }
        List<User> users = new ArrayList<>(earliest.size());
        earliest.forEach((user, loginTime) -> users.add(new User(user, loginTime)));
        return List.copyOf(users);
    }
}
