package org.jqga.engine.internal.json;

/** A parse error found while converting a token; {@code detail} is the text after "JSON parse error, ". */
record ParseFailure(String detail) {
}
