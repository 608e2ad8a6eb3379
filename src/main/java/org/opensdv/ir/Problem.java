package org.opensdv.ir;

/** Something in the source the frontend could not read exactly; {@code function} may be null. */
public record Problem(String file, int line, String function, String message) {
}
