package org.jqga.client;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.List;

/** The readable form of replies; --json prints the replies themselves instead. */
final class TextFormat {

    private TextFormat() {
    }

    static String info(JsonNode info) {
        List<String> enabled = new ArrayList<>();
        List<String> disabled = new ArrayList<>();
        for (JsonNode command : info.path("supported_commands")) {
            (command.path("enabled").asBoolean(true) ? enabled : disabled).add(command.path("name").asText());
        }
        StringBuilder text = new StringBuilder();
        text.append("agent version ").append(info.path("version").asText("?")).append('\n');
        text.append(enabled.size()).append(" commands enabled");
        if (!disabled.isEmpty()) {
            text.append(", ").append(disabled.size()).append(" disabled");
        }
        text.append(":\n");
        enabled.forEach(name -> text.append("  ").append(name).append('\n'));
        disabled.forEach(name -> text.append("  ").append(name).append(" (disabled)\n"));
        return text.toString();
    }

    static String policy(JsonNode explanations) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"COMMAND", "ALLOWED", "WHY"});
        for (JsonNode entry : explanations) {
            rows.add(new String[] {entry.path("name").asText(), entry.path("allowed").asBoolean() ? "yes" : "no",
                    entry.path("rule").asText("")});
        }
        return table(rows);
    }

    static String bundles(JsonNode bundles) {
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[] {"ID", "STATE", "BUNDLE", "VERSION", "DEPLOYED", "COMMANDS"});
        for (JsonNode bundle : bundles) {
            List<String> commands = new ArrayList<>();
            bundle.path("commands").forEach(c -> commands.add(c.asText()));
            String deployed = field(bundle, "deployed").asBoolean() ? "yes" : "";
            String previous = field(bundle, "previousVersion").asText("");
            if (!previous.isEmpty()) {
                deployed += " (rollback to " + previous + ")";
            }
            rows.add(new String[] {field(bundle, "id").asText(), field(bundle, "state").asText(),
                    field(bundle, "symbolicName").asText(), field(bundle, "version").asText(), deployed,
                    String.join(",", commands)});
        }
        return table(rows);
    }

    /** The result of bundle-install/-update/-rollback/-remove: the bundle as it is now. */
    static String deployed(JsonNode result) {
        return field(result, "symbolicName").asText() + " " + field(result, "version").asText() + ": "
                + field(result, "state").asText() + " (bundle " + field(result, "id").asText() + ", "
                + field(result, "file").asText() + ")\n";
    }

    static String fsfreezeStatus(JsonNode status) {
        return status.asText() + "\n";
    }

    static String ping() {
        return "the agent answers\n";
    }

    static String agentError(AgentError error) {
        return error.errorClass() + ": " + error.getMessage();
    }

    /** A record component as the agent spells it: camelCase, or kebab-case as qemu's own names are. */
    static JsonNode field(JsonNode node, String camelCase) {
        JsonNode value = node.get(camelCase);
        if (value != null) {
            return value;
        }
        String kebab = camelCase.replaceAll("([a-z])([A-Z])", "$1-$2").toLowerCase(java.util.Locale.ROOT);
        return node.path(kebab);
    }

    /** Left-aligned columns, two spaces apart; the last column is not padded. */
    static String table(List<String[]> rows) {
        int columns = rows.get(0).length;
        int[] widths = new int[columns];
        for (String[] row : rows) {
            for (int c = 0; c < columns; c++) {
                widths[c] = Math.max(widths[c], row[c].length());
            }
        }
        StringBuilder text = new StringBuilder();
        for (String[] row : rows) {
            StringBuilder line = new StringBuilder();
            for (int c = 0; c < columns; c++) {
                line.append(c == columns - 1 ? row[c] : String.format("%-" + widths[c] + "s  ", row[c]));
            }
            text.append(line.toString().stripTrailing()).append('\n');
        }
        return text.toString();
    }
}
