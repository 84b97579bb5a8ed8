package org.jqga.commands.info.internal;

/**
 * The little of sscanf(3) qemu-ga uses on sysfs paths: a cursor over a string that reads unsigned hex or
 * decimal numbers (as %x and %u, after optional blanks) and literal characters, and fails softly.
 */
final class SysfsScan {

    private final String text;
    private int position;

    SysfsScan(String text, int position) {
        this.text = text;
        this.position = position;
    }

    int position() {
        return position;
    }

    /** %x: hex digits, an optional 0x prefix; -1 (and no progress) when there is no number. */
    long hex() {
        return number(16);
    }

    /** %u: decimal digits; -1 (and no progress) when there is no number. */
    long decimal() {
        return number(10);
    }

    /** A literal character; false (and no progress) when the next one is another. */
    boolean literal(char c) {
        if (position < text.length() && text.charAt(position) == c) {
            position++;
            return true;
        }
        return false;
    }

    private long number(int radix) {
        int start = position;
        while (start < text.length() && Character.isWhitespace(text.charAt(start))) {
            start++;
        }
        if (radix == 16 && start + 2 < text.length() && text.charAt(start) == '0'
                && (text.charAt(start + 1) == 'x' || text.charAt(start + 1) == 'X')
                && Character.digit(text.charAt(start + 2), 16) >= 0) {
            start += 2;
        }
        int end = start;
        long value = 0;
        while (end < text.length() && Character.digit(text.charAt(end), radix) >= 0) {
            value = value * radix + Character.digit(text.charAt(end), radix);
            end++;
        }
        if (end == start) {
            return -1;
        }
        position = end;
        return value & 0xffffffffL;
    }

    /**
     * Reads {@code hex:hex:hex.hex} (a PCI address) into four values.
     *
     * @return false when any of the four is missing
     */
    boolean pciAddress(long[] into) {
        long domain = hex();
        if (domain < 0 || !literal(':')) {
            return false;
        }
        long bus = hex();
        if (bus < 0 || !literal(':')) {
            return false;
        }
        long slot = hex();
        if (slot < 0 || !literal('.')) {
            return false;
        }
        long function = hex();
        if (function < 0) {
            return false;
        }
        into[0] = domain;
        into[1] = bus;
        into[2] = slot;
        into[3] = function;
        return true;
    }
}
