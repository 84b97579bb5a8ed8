package org.jqga.commands.account.internal;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jqga.api.Base64Argument;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoResult;
import org.jqga.api.RiskGroup;
import org.jqga.programs.HelperProgram;
import org.jqga.programs.ProgramSearch;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-set-user-password: {@code chpasswd} (with {@code -e} when the password is already crypted) reading
 * {@code user:password\n}. The checks keep that one line one line: no newline in the password, no newline or
 * colon in the name.
 *
 * <p>Beyond qemu-ga, a NUL byte is refused in either: qemu-ga's C strings silently cut the text at a NUL, which
 * would set a shorter password than asked for, or change another user's ("root\0x" is "root").
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-set-user-password", risk = RiskGroup.ACCOUNT)
public final class GuestSetUserPassword implements Command<GuestSetUserPassword.Arguments> {

    /** @param password base64 of the new password, or of its crypt(3) hash when {@code crypted} */
    public record Arguments(String username, Base64Argument password, boolean crypted) {
    }

    public static final String CHPASSWD = "org.jqga.account.chpasswd";

    /** The configured chpasswd, or null to look for one on {@link #searchPath} at each call, as qemu-ga does. */
    private final Path chpasswd;
    private final String searchPath;

    @Activate
    public GuestSetUserPassword(BundleContext context) {
        this(Optional.ofNullable(context.getProperty(CHPASSWD)).filter(p -> !p.isBlank()).map(Path::of).orElse(null),
                ProgramSearch.agentPath());
    }

    GuestSetUserPassword(Path chpasswd, String searchPath) {
        this.chpasswd = chpasswd;
        this.searchPath = searchPath;
    }

    @Override
    public Object execute(Arguments arguments, CommandContext context) throws CommandException {
        byte[] password = arguments.password().decode();
        for (byte b : password) {
            if (b == '\n' || b == 0) {
                throw CommandException.genericError("forbidden characters in raw password");
            }
        }
        String username = arguments.username();
        if (username.indexOf('\n') >= 0 || username.indexOf(':') >= 0 || username.indexOf('\0') >= 0) {
            throw CommandException.genericError("forbidden characters in username");
        }
        Path program = chpasswd != null ? chpasswd : ProgramSearch.find("chpasswd", searchPath)
                .orElseThrow(() -> CommandException.genericError("cannot find 'passwd' program in PATH"));
        List<String> argv = new ArrayList<>(List.of(program.toString()));
        if (arguments.crypted()) {
            argv.add("-e");
        }
        HelperProgram.runFor("set user password", argv, line(username, password));
        return NoResult.INSTANCE;
    }

    private static byte[] line(String username, byte[] password) {
        ByteArrayOutputStream line = new ByteArrayOutputStream();
        line.writeBytes(username.getBytes(StandardCharsets.UTF_8));
        line.write(':');
        line.writeBytes(password);
        line.write('\n');
        return line.toByteArray();
    }
}
