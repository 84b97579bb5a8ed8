package org.jqga.policy;

/** A policy file that cannot be used, with where and why: "line 3, column 14: unknown risk group 'exce'". */
final class PolicyFileException extends Exception {

    private static final long serialVersionUID = 1L;

    PolicyFileException(long line, long column, String problem) {
        super(line > 0 ? "line " + line + ", column " + column + ": " + problem : problem);
    }

    PolicyFileException(String problem) {
        super(problem);
    }
}
