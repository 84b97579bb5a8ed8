package org.jqga.benchmark;

import java.util.Locale;

final class Numbers {

    private Numbers() {
    }

    static String format(double value, int decimals) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        return String.format(Locale.ROOT, "%." + decimals + "f", value);
    }

    /** Few significant digits, enough for a table: 1040, 61.5, 0.43. */
    static String readable(double value) {
        if (Double.isNaN(value)) {
            return "n/a";
        }
        double magnitude = Math.abs(value);
        if (magnitude == 0) {
            return "0";
        }
        return format(value, magnitude >= 100 ? 0 : magnitude >= 10 ? 1 : magnitude >= 1 ? 2 : 3);
    }
}
