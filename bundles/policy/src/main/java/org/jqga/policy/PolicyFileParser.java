package org.jqga.policy;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.jqga.api.RiskGroup;

/**
 * Reads a policy file strictly: any unknown member, wrong type, duplicate member, unknown risk group, relative
 * path or contradiction rejects the whole file, with the line and column of the first problem. A streaming parser
 * is used so that every problem, not only syntax errors, has a position.
 */
final class PolicyFileParser {

    static final List<String> RISK_GROUPS = List.of(RiskGroup.INFO, RiskGroup.FILE, RiskGroup.EXEC, RiskGroup.POWER,
            RiskGroup.FSFREEZE, RiskGroup.ACCOUNT, RiskGroup.HARDWARE, RiskGroup.ADMIN, RiskGroup.UNCLASSIFIED);

    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(com.fasterxml.jackson.core.StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private PolicyFileParser() {
    }

    static PolicyFile parse(byte[] content) throws PolicyFileException {
        try (JsonParser parser = JSON.createParser(content)) {
            JsonToken first = parser.nextToken();
            if (first == null) {
                throw new PolicyFileException("the file is empty (write {} for a policy without rules)");
            }
            PolicyFile file = readPolicy(parser);
            if (parser.nextToken() != null) {
                throw at(parser, "unexpected content after the policy object");
            }
            return file;
        } catch (JsonParseException e) {
            JsonLocation where = e.getLocation();
            throw new PolicyFileException(where == null ? 0 : where.getLineNr(), where == null ? 0 : where.getColumnNr(),
                    readable(e.getOriginalMessage()));
        } catch (IOException e) {
            throw new PolicyFileException(e.getMessage());
        }
    }

    /** Jackson's text without its source placeholder: "... (start marker at [Source: ...; line: 1, column: 15])". */
    static String readable(String message) {
        return message.replaceAll("\\s*\\(start marker at \\[Source: [^;]*; line: (\\d+), column: (\\d+)\\]\\)",
                " (opened at line $1, column $2)");
    }

    private static PolicyFile readPolicy(JsonParser parser) throws IOException, PolicyFileException {
        expect(parser, JsonToken.START_OBJECT, "the policy must be a JSON object");
        Set<String> block = Set.of();
        Set<String> allow = Set.of();
        Set<String> denyRisk = Set.of();
        Set<String> allowRisk = Set.of();
        Map<String, PolicyFile.ArgumentRule> rules = Map.of();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String member = parser.currentName();
            parser.nextToken();
            switch (member) {
                case "comment" -> expect(parser, JsonToken.VALUE_STRING, "'comment' must be a string");
                case "block" -> block = strings(parser, member, PolicyFileParser::commandName);
                case "allow" -> allow = strings(parser, member, PolicyFileParser::commandName);
                case "deny-risk" -> denyRisk = strings(parser, member, PolicyFileParser::riskGroup);
                case "allow-risk" -> allowRisk = strings(parser, member, PolicyFileParser::riskGroup);
                case "rules" -> rules = rules(parser);
                default -> throw at(parser, "unknown member '" + member
                        + "' (known: comment, block, allow, deny-risk, allow-risk, rules)");
            }
        }
        for (String name : block) {
            if (allow.contains(name)) {
                throw new PolicyFileException("command '" + name + "' is in both 'block' and 'allow'");
            }
        }
        for (String group : denyRisk) {
            if (allowRisk.contains(group)) {
                throw new PolicyFileException("risk group '" + group + "' is in both 'deny-risk' and 'allow-risk'");
            }
        }
        return new PolicyFile(block, allow, denyRisk, allowRisk, rules);
    }

    private static Map<String, PolicyFile.ArgumentRule> rules(JsonParser parser) throws IOException, PolicyFileException {
        expect(parser, JsonToken.START_OBJECT, "'rules' must be an object of command names");
        Map<String, PolicyFile.ArgumentRule> rules = new LinkedHashMap<>();
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String command = parser.currentName();
            commandName(command);
            parser.nextToken();
            expect(parser, JsonToken.START_OBJECT, "rules." + command + " must be an object");
            List<Path> paths = List.of();
            List<Path> readOnly = List.of();
            List<Path> programs = List.of();
            while (parser.nextToken() == JsonToken.FIELD_NAME) {
                String member = parser.currentName();
                parser.nextToken();
                switch (member) {
                    case "paths" -> paths = List.copyOf(strings(parser, member, PolicyFileParser::absolutePath));
                    case "read-only-paths" -> readOnly = List.copyOf(strings(parser, member, PolicyFileParser::absolutePath));
                    case "programs-under" -> programs = List.copyOf(strings(parser, member, PolicyFileParser::absolutePath));
                    default -> throw at(parser, "unknown member '" + member + "' in rules." + command
                            + " (known: paths, read-only-paths, programs-under)");
                }
            }
            rules.put(command, new PolicyFile.ArgumentRule(paths, readOnly, programs));
        }
        return Map.copyOf(rules);
    }

    /** A JSON array of strings, each checked and converted; duplicates are harmless and dropped. */
    private static <T> Set<T> strings(JsonParser parser, String member, Function<String, T> check)
            throws IOException, PolicyFileException {
        expect(parser, JsonToken.START_ARRAY, "'" + member + "' must be an array of strings");
        Set<T> values = new LinkedHashSet<>();
        while (parser.nextToken() != JsonToken.END_ARRAY) {
            expect(parser, JsonToken.VALUE_STRING, "'" + member + "' must hold strings only");
            try {
                values.add(check.apply(parser.getText()));
            } catch (IllegalArgumentException e) {
                throw at(parser, e.getMessage());
            }
        }
        return values;
    }

    private static String commandName(String name) {
        if (name.isBlank()) {
            throw new IllegalArgumentException("empty command name");
        }
        return name;
    }

    private static String riskGroup(String group) {
        if (!RISK_GROUPS.contains(group)) {
            throw new IllegalArgumentException("unknown risk group '" + group + "' (known: " + String.join(", ", RISK_GROUPS) + ")");
        }
        return group;
    }

    private static Path absolutePath(String text) {
        Path path;
        try {
            path = Path.of(text);
        } catch (java.nio.file.InvalidPathException e) {
            throw new IllegalArgumentException("invalid path '" + text + "'");
        }
        if (!path.isAbsolute()) {
            throw new IllegalArgumentException("path '" + text + "' is not absolute");
        }
        return path.normalize();
    }

    private static void expect(JsonParser parser, JsonToken token, String problem) throws PolicyFileException {
        if (parser.currentToken() != token) {
            throw at(parser, problem);
        }
    }

    private static PolicyFileException at(JsonParser parser, String problem) {
        JsonLocation where = parser.currentTokenLocation();
        return new PolicyFileException(where.getLineNr(), where.getColumnNr(), problem);
    }
}
