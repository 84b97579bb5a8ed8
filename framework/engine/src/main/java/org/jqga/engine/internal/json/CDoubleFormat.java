package org.jqga.engine.internal.json;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/** C's {@code printf("%.17g")} for doubles, as glibc prints it (qemu's number format). */
final class CDoubleFormat {
    private static final int PRECISION = 17;
    private static final MathContext ROUNDING = new MathContext(PRECISION, RoundingMode.HALF_EVEN);

    private CDoubleFormat() {
    }

    static String format17g(double value) {
        boolean negative = (Double.doubleToRawLongBits(value) < 0);
        if (Double.isNaN(value)) {
            return negative ? "-nan" : "nan";
        }
        if (Double.isInfinite(value)) {
            return negative ? "-inf" : "inf";
        }
        if (value == 0) {
            return negative ? "-0" : "0";
        }
        // The exact binary value rounded to 17 significant digits, half-even like glibc.
        BigDecimal rounded = new BigDecimal(value).round(ROUNDING);
        String digits = rounded.unscaledValue().abs().toString();
        int exponent = digits.length() - 1 - rounded.scale();
        digits = stripTrailingZeros(digits);

        StringBuilder out = new StringBuilder(24);
        if (negative) {
            out.append('-');
        }
        if (exponent < -4 || exponent >= PRECISION) {
            out.append(digits.charAt(0));
            if (digits.length() > 1) {
                out.append('.').append(digits, 1, digits.length());
            }
            out.append('e').append(exponent < 0 ? '-' : '+');
            int magnitude = Math.abs(exponent);
            if (magnitude < 10) {
                out.append('0');
            }
            out.append(magnitude);
        } else if (exponent < 0) {
            out.append("0.");
            out.append("0".repeat(-exponent - 1));
            out.append(digits);
        } else {
            int integerDigits = exponent + 1;
            if (digits.length() <= integerDigits) {
                out.append(digits).append("0".repeat(integerDigits - digits.length()));
            } else {
                out.append(digits, 0, integerDigits).append('.').append(digits, integerDigits, digits.length());
            }
        }
        return out.toString();
    }

    private static String stripTrailingZeros(String digits) {
        int end = digits.length();
        while (end > 1 && digits.charAt(end - 1) == '0') {
            end--;
        }
        return digits.substring(0, end);
    }
}
