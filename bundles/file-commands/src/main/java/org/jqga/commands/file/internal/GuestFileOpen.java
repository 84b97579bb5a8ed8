package org.jqga.commands.file.internal;

import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.OptionalArgument;
import org.jqga.api.RiskGroup;
import org.jqga.api.policy.PathRules;
import org.jqga.api.policy.PathVerdict;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;
import org.osgi.service.component.annotations.Reference;
import org.osgi.service.component.annotations.ReferenceCardinality;
import org.osgi.service.component.annotations.ReferencePolicy;
import org.osgi.service.component.annotations.ReferencePolicyOption;

/**
 * guest-file-open: opens a guest file without ever blocking and returns its handle.
 *
 * <p>When the policy has path rules for guest-file-open ({@link PathRules}; no service means no rule), the path is
 * resolved and checked before anything is opened, and the resolved path is what gets opened. A refusal reads
 * {@code failed to open file 'P' (mode: 'M'): refused by policy rule guest-file-open.paths} (or
 * {@code .read-only-paths} for a mode other than r/rb under a read-only prefix).
 */
@Component(service = Command.class)
@GuestCommand(name = GuestFileOpen.NAME, risk = RiskGroup.FILE)
public final class GuestFileOpen implements Command<GuestFileOpen.Arguments> {

    static final String NAME = "guest-file-open";

    /** @param mode an fopen(3) mode; "r" when absent */
    public record Arguments(String path, @OptionalArgument String mode) {
    }

    private final FileHandleTable table;

    @Reference(cardinality = ReferenceCardinality.OPTIONAL, policy = ReferencePolicy.DYNAMIC,
            policyOption = ReferencePolicyOption.GREEDY)
    private volatile PathRules rules;

    @Activate
    public GuestFileOpen(@Reference FileHandleTable table) {
        this.table = table;
    }

    GuestFileOpen(FileHandleTable table, PathRules rules) {
        this.table = table;
        this.rules = rules;
    }

    @Override
    public Long execute(Arguments arguments, CommandContext context) throws CommandException {
        FileOpenMode mode = FileOpenMode.parse(arguments.mode() == null ? "r" : arguments.mode());
        PathRules policy = rules;
        if (policy == null) {
            return table.open(arguments.path(), mode);
        }
        PathVerdict verdict = policy.check(NAME, arguments.path(),
                mode.readOnly() ? PathRules.Access.READ : PathRules.Access.WRITE);
        if (!verdict.allowed()) {
            throw CommandException.genericError("failed to open file '" + arguments.path() + "' (mode: '" + mode.text()
                    + "'): refused by policy rule " + verdict.rule());
        }
        return table.open(arguments.path(), verdict.resolvedPath(), mode);
    }
}
