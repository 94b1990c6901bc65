package org.jsupervisor.rpc;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;

/**
 * Formats a double exactly as Python's {@code repr(float)} does, which is what
 * {@code xmlrpc.client} writes inside {@code <double>}.
 *
 * <p>Hand-written because Java 17's {@code Double.toString} differs in notation
 * ({@code 1.0E20} vs {@code 1e+20}) and does not always pick the shortest digits.
 */
final class PyFloat {
    private PyFloat() {
    }

    static String repr(double d) {
        if (Double.isNaN(d)) {
            return "nan";
        }
        if (Double.isInfinite(d)) {
            return d > 0 ? "inf" : "-inf";
        }
        if (d == 0) {
            return (1 / d < 0) ? "-0.0" : "0.0";
        }
        String sign = d < 0 ? "-" : "";
        double abs = Math.abs(d);
        BigDecimal shortest = shortestRoundTrip(abs);
        String digits = shortest.unscaledValue().toString();
        // value = 0.<digits> * 10^decpt
        int decpt = digits.length() - shortest.scale();
        StringBuilder sb = new StringBuilder(sign);
        if (decpt <= -4 || decpt > 16) {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        } else if (decpt <= 0) {
            sb.append("0.");
            for (int i = 0; i < -decpt; i++) {
                sb.append('0');
            }
            sb.append(digits);
        } else if (decpt >= digits.length()) {
            sb.append(digits);
            for (int i = digits.length(); i < decpt; i++) {
                sb.append('0');
            }
            sb.append(".0");
        } else {
            sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
        }
        return sb.toString();
    }

    /** The decimal with the fewest significant digits that reads back as {@code abs}, nearest first. */
    private static BigDecimal shortestRoundTrip(double abs) {
        BigDecimal exact = new BigDecimal(abs);
        for (int p = 1; p <= 17; p++) {
            BigDecimal best = null;
            for (RoundingMode mode : new RoundingMode[] {RoundingMode.HALF_EVEN, RoundingMode.UP, RoundingMode.DOWN}) {
                BigDecimal c = exact.round(new MathContext(p, mode));
                if (c.doubleValue() == abs) {
                    if (best == null
                        || c.subtract(exact).abs().compareTo(best.subtract(exact).abs()) < 0) {
                        best = c;
                    }
                }
            }
            if (best != null) {
                return stripZeros(best);
            }
        }
        return stripZeros(exact.round(new MathContext(17, RoundingMode.HALF_EVEN)));
    }

    private static BigDecimal stripZeros(BigDecimal b) {
        BigDecimal s = b.stripTrailingZeros();
        return s;
    }
}
