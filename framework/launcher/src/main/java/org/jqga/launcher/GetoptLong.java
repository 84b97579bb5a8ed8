package org.jqga.launcher;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Command-line scanning with GNU getopt_long(3) semantics and diagnostics, so that jqga accepts exactly what
 * qemu-ga accepts: short option clusters ({@code -vd}), attached or separate arguments ({@code -p/x}, {@code -p /x}),
 * optional arguments that must be attached ({@code -F/x}, {@code --fsfreeze-hook=/x}), {@code --long=value} and
 * {@code --long value}, unambiguous prefixes of long options, {@code --} to end the options, and non-options
 * anywhere (GNU permutes them to the end; qemu-ga ignores them).
 */
final class GetoptLong {

    enum Argument { NONE, REQUIRED, OPTIONAL }

    record LongOption(String name, Argument argument, char shortName) {}

    /** One recognised option; {@code argument} is null when none was given. */
    record Parsed(char option, String argument) {}

    /**
     * The options in command-line order up to the first error. {@code diagnostic} is getopt's complaint about that
     * error (ending in a newline), or null when the whole command line was accepted.
     */
    record Result(List<Parsed> options, String diagnostic, List<String> operands) {
        boolean failed() {
            return diagnostic != null;
        }
    }

    private final String program;
    private final Map<Character, Argument> shortOptions;
    private final List<LongOption> longOptions;

    /**
     * @param shortSpec getopt's option string: a letter, followed by ':' if it takes an argument or '::' if the
     *                  argument is optional
     */
    GetoptLong(String program, String shortSpec, List<LongOption> longOptions) {
        this.program = program;
        this.shortOptions = parseShortSpec(shortSpec);
        this.longOptions = List.copyOf(longOptions);
    }

    private static Map<Character, Argument> parseShortSpec(String spec) {
        Map<Character, Argument> result = new LinkedHashMap<>();
        for (int i = 0; i < spec.length(); i++) {
            char letter = spec.charAt(i);
            Argument kind = Argument.NONE;
            if (i + 1 < spec.length() && spec.charAt(i + 1) == ':') {
                kind = Argument.REQUIRED;
                i++;
                if (i + 1 < spec.length() && spec.charAt(i + 1) == ':') {
                    kind = Argument.OPTIONAL;
                    i++;
                }
            }
            result.put(letter, kind);
        }
        return result;
    }

    Result parse(String[] args) {
        List<Parsed> options = new ArrayList<>();
        List<String> operands = new ArrayList<>();
        int i = 0;
        while (i < args.length) {
            String arg = args[i];
            if (arg.equals("--")) {
                operands.addAll(List.of(args).subList(i + 1, args.length));
                break;
            }
            if (!arg.startsWith("-") || arg.equals("-")) {
                operands.add(arg);
                i++;
                continue;
            }
            Step step = arg.startsWith("--")
                    ? scanLong(args, i, options)
                    : scanShortCluster(args, i, options);
            if (step.diagnostic() != null) {
                return new Result(options, step.diagnostic(), operands);
            }
            i = step.lastConsumed() + 1;
        }
        return new Result(options, null, operands);
    }

    /** How far one scan got: the last argv index it used (the option or its separate argument), or its error. */
    private record Step(int lastConsumed, String diagnostic) {
        static Step failed(String diagnostic) {
            return new Step(-1, diagnostic);
        }
    }

    private Step scanLong(String[] args, int index, List<Parsed> options) {
        int lastConsumed = index;
        String body = args[index].substring(2);
        int equals = body.indexOf('=');
        String name = equals < 0 ? body : body.substring(0, equals);
        LongOption option = findLong(name);
        if (option == null) {
            List<LongOption> candidates = prefixMatches(name);
            if (candidates.isEmpty()) {
                return Step.failed(program + ": unrecognized option '--" + body + "'\n");
            }
            StringBuilder message = new StringBuilder()
                    .append(program).append(": option '--").append(body).append("' is ambiguous; possibilities:");
            for (LongOption candidate : candidates) {
                message.append(" '--").append(candidate.name()).append('\'');
            }
            return Step.failed(message.append('\n').toString());
        }
        String value = equals < 0 ? null : body.substring(equals + 1);
        switch (option.argument()) {
            case NONE -> {
                if (value != null) {
                    return Step.failed(program + ": option '--" + option.name() + "' doesn't allow an argument\n");
                }
            }
            case REQUIRED -> {
                if (value == null) {
                    if (index + 1 >= args.length) {
                        return Step.failed(program + ": option '--" + option.name() + "' requires an argument\n");
                    }
                    value = args[index + 1];
                    lastConsumed = index + 1;
                }
            }
            case OPTIONAL -> { /* only an attached value counts */ }
        }
        options.add(new Parsed(option.shortName(), value));
        return new Step(lastConsumed, null);
    }

    /** Exact name, else the only prefix match (or several that all mean the same option, as glibc allows). */
    private LongOption findLong(String name) {
        for (LongOption option : longOptions) {
            if (option.name().equals(name)) {
                return option;
            }
        }
        List<LongOption> candidates = prefixMatches(name);
        if (candidates.isEmpty()) {
            return null;
        }
        LongOption first = candidates.get(0);
        for (LongOption other : candidates) {
            if (other.argument() != first.argument() || other.shortName() != first.shortName()) {
                return null;
            }
        }
        return first;
    }

    private List<LongOption> prefixMatches(String name) {
        List<LongOption> matches = new ArrayList<>();
        for (LongOption option : longOptions) {
            // options with no short letter (jqga's own) match only by full name: qemu-ga's abbreviations, and
            // getopt's diagnostics for them, stay exactly as qemu-ga has them
            if (option.name().startsWith(name) && Character.isLetter(option.shortName()) && option.shortName() < 0x80) {
                matches.add(option);
            }
        }
        return matches;
    }

    private Step scanShortCluster(String[] args, int index, List<Parsed> options) {
        String cluster = args[index];
        for (int k = 1; k < cluster.length(); k++) {
            char letter = cluster.charAt(k);
            Argument kind = letter == ':' ? null : shortOptions.get(letter);
            if (kind == null) {
                return Step.failed(program + ": invalid option -- '" + letter + "'\n");
            }
            String rest = cluster.substring(k + 1);
            switch (kind) {
                case NONE -> options.add(new Parsed(letter, null));
                case REQUIRED -> {
                    if (!rest.isEmpty()) {
                        options.add(new Parsed(letter, rest));
                        return new Step(index, null);
                    }
                    if (index + 1 < args.length) {
                        options.add(new Parsed(letter, args[index + 1]));
                        return new Step(index + 1, null);
                    }
                    return Step.failed(program + ": option requires an argument -- '" + letter + "'\n");
                }
                case OPTIONAL -> {
                    options.add(new Parsed(letter, rest.isEmpty() ? null : rest));
                    return new Step(index, null);
                }
            }
        }
        return new Step(index, null);
    }
}
