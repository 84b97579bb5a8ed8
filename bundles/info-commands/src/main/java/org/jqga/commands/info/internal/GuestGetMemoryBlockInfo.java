package org.jqga.commands.info.internal;

import org.jqga.api.ErrnoText;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jqga.api.Command;
import org.jqga.api.CommandContext;
import org.jqga.api.CommandException;
import org.jqga.api.GuestCommand;
import org.jqga.api.NoArguments;
import org.jqga.api.RiskGroup;
import org.osgi.framework.BundleContext;
import org.osgi.service.component.annotations.Activate;
import org.osgi.service.component.annotations.Component;

/**
 * guest-get-memory-block-info: the size of one memory block in bytes, which sysfs gives in hexadecimal
 * without a prefix in /sys/devices/system/memory/block_size_bytes. Parsed like qemu-ga's strtol(buf, NULL,
 * 16) on its first 20 bytes: optional blanks, sign and "0x", then hex digits up to the first other character;
 * nothing parseable is 0.
 */
@Component(service = Command.class)
@GuestCommand(name = "guest-get-memory-block-info", risk = RiskGroup.INFO)
public final class GuestGetMemoryBlockInfo implements Command<NoArguments> {

    public record MemoryBlockInfo(long size) {
    }

    private final SystemPaths paths;

    @Activate
    public GuestGetMemoryBlockInfo(BundleContext bundleContext) {
        this(SystemPaths.of(bundleContext));
    }

    GuestGetMemoryBlockInfo(SystemPaths paths) {
        this.paths = paths;
    }

    @Override
    public Object execute(NoArguments arguments, CommandContext context) throws CommandException {
        Path directory = paths.resolve(GuestGetMemoryBlocks.MEMORY_DIRECTORY);
        if (!Files.isDirectory(directory)) {
            throw CommandException.genericError("open(\"" + GuestGetMemoryBlocks.MEMORY_DIRECTORY + "\"): "
                    + (Files.exists(directory) ? "Not a directory" : "No such file or directory"));
        }
        byte[] content;
        try {
            content = SysfsFile.readPrefix(directory.resolve("block_size_bytes"), 20);
        } catch (IOException e) {
            throw CommandException.genericError("open sysfs file block_size_bytes: " + ErrnoText.of(e));
        }
        if (content.length == 0) {
            throw CommandException.genericError("pread sysfs file block_size_bytes: unexpected EOF");
        }
        return new MemoryBlockInfo(strtolHex(new String(content, StandardCharsets.ISO_8859_1)));
    }

    static long strtolHex(String s) {
        int i = 0;
        while (i < s.length() && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        boolean negative = false;
        if (i < s.length() && (s.charAt(i) == '+' || s.charAt(i) == '-')) {
            negative = s.charAt(i++) == '-';
        }
        if ((s.startsWith("0x", i) || s.startsWith("0X", i)) && i + 2 < s.length() && hexDigit(s.charAt(i + 2)) >= 0) {
            i += 2;
        }
        long value = 0;
        for (; i < s.length() && hexDigit(s.charAt(i)) >= 0; i++) {
            int digit = hexDigit(s.charAt(i));
            if (value > (Long.MAX_VALUE - digit) / 16) {
                value = Long.MAX_VALUE;   // strtol saturates at LONG_MAX
                break;
            }
            value = value * 16 + digit;
        }
        return negative ? -value : value;
    }

    private static int hexDigit(char ch) {
        return ch < 128 ? Character.digit(ch, 16) : -1;
    }
}
