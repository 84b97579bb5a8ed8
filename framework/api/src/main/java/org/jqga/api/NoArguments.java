package org.jqga.api;

/** The arguments type of a command that takes none: any argument is "unexpected". */
public record NoArguments() {
}
