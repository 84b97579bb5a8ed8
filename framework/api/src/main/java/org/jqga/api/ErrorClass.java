package org.jqga.api;

/** The error classes qemu-ga sends; there is deliberately no class for "disabled". */
public enum ErrorClass {
    GenericError,
    CommandNotFound
}
