package org.jqga.fsfreeze.internal;

import java.util.List;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;

/**
 * guest-fsfreeze-freeze-list: freezes the listed mount points (all when the list is absent). A name is
 * matched exactly against the mount table, without resolving it; names that match nothing are ignored.
 */
@Component(service = Command.class)
@GuestCommand(name = GuestFsfreezeFreezeList.NAME, risk = RiskGroup.FSFREEZE)
public final class GuestFsfreezeFreezeList implements Command<GuestFsfreezeFreezeList.Arguments> {

    static final String NAME = "guest-fsfreeze-freeze-list";

    public record Arguments(@OptionalArgument List<String> mountpoints) {
    }

    private final Freezer freezer;

    @Activate
    public GuestFsfreezeFreezeList(@Reference Freezer freezer) {
        this.freezer = freezer;
    }

    @Override
    public Long execute(Arguments arguments, CommandContext context) throws CommandException {
        return freezer.freeze(NAME, arguments.mountpoints());
    }
}
