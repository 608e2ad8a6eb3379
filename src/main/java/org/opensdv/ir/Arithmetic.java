package org.opensdv.ir;

/** C integer arithmetic on constants, as the lowering and the analysis both fold it. */
public final class Arithmetic {
    private Arithmetic() {
    }

    /** {@code x op y}, or null when it is not a folding operator or would divide by zero. */
    public static Long binary(String op, long x, long y) {
        return switch (op) {
            case "+" -> x + y;
            case "-" -> x - y;
            case "*" -> x * y;
            case "/" -> y == 0 ? null : x / y;
            case "%" -> y == 0 ? null : x % y;
            case "<<" -> x << y;
            case ">>" -> x >> y;
            case "&" -> x & y;
            case "|" -> x | y;
            case "^" -> x ^ y;
            case "==" -> x == y ? 1L : 0L;
            case "!=" -> x != y ? 1L : 0L;
            case "<" -> x < y ? 1L : 0L;
            case "<=" -> x <= y ? 1L : 0L;
            case ">" -> x > y ? 1L : 0L;
            case ">=" -> x >= y ? 1L : 0L;
            default -> null;
        };
    }

    /** {@code op x} for {@code -}, {@code !} and {@code ~}. */
    public static long unary(String op, long x) {
        return switch (op) {
            case "-" -> -x;
            case "!" -> x == 0 ? 1 : 0;
            default -> ~x;
        };
    }
}
