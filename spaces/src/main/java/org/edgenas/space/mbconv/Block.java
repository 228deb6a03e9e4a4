package org.edgenas.space.mbconv;

/**
 * The choices of one inverted residual block: {@code e<expansion>k<kernel>} plus {@code se} when it has
 * squeeze-and-excitation, e.g. {@code e6k3}, {@code e3k5se}.
 *
 * @param expansion expansion ratio t: the 1x1 expansion widens the block's input t times (none when t = 1)
 * @param kernel    kernel size of the depthwise convolution
 * @param se        whether the block has squeeze-and-excitation
 */
public record Block(int expansion, int kernel, boolean se) {

    public Block {
        if (expansion < 1 || kernel < 1 || kernel % 2 == 0) {
            throw new IllegalArgumentException("a block needs an expansion ratio of at least 1 and an odd kernel, got "
                    + "e" + expansion + "k" + kernel);
        }
    }

    /** A block with these choices. */
    public static Block of(int expansion, int kernel, boolean se) {
        return new Block(expansion, kernel, se);
    }

    /** The block's token in an architecture string. */
    @Override
    public String toString() {
        return "e" + expansion + "k" + kernel + (se ? "se" : "");
    }
}
