package org.jqga.fsfreeze.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * What the engine sees: the DS descriptors bnd wrote from the annotations. Only status and thaw may run
 * while frozen, and every command declares the fsfreeze risk group.
 */
class CommandDescriptorsTest {

    private static final Pattern PROPERTY = Pattern.compile("<property name=\"(jqga\\.command\\.[a-zA-Z]+)\" "
            + "type=\"[A-Za-z]+\" value=\"([^\"]*)\"/>");

    @Test
    void everyCommandIsDeclaredAsTheEngineExpects() throws Exception {
        Map<String, String> frozenAllowed = new TreeMap<>();
        try (Stream<Path> files = Files.list(Path.of("target/classes/OSGI-INF"))) {
            for (Path file : files.toList()) {
                Map<String, String> properties = new TreeMap<>();
                Matcher matcher = PROPERTY.matcher(Files.readString(file));
                while (matcher.find()) {
                    properties.put(matcher.group(1), matcher.group(2));
                }
                if (properties.isEmpty()) {
                    continue; // the Freezer itself
                }
                assertEquals("fsfreeze", properties.get("jqga.command.risk"), file.toString());
                assertEquals("true", properties.get("jqga.command.successResponse"), file.toString());
                frozenAllowed.put(properties.get("jqga.command.name"), properties.get("jqga.command.allowedWhileFrozen"));
            }
        }
        assertEquals(Map.of(
                "guest-fsfreeze-status", "true",
                "guest-fsfreeze-thaw", "true",
                "guest-fsfreeze-freeze", "false",
                "guest-fsfreeze-freeze-list", "false",
                "guest-fstrim", "false",
                "__org.jqga_fsfreeze-report", "true"), frozenAllowed);
    }
}
