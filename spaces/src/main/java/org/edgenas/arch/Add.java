package org.edgenas.arch;

import java.util.List;

/**
 * Element-wise sum of one or more tensors of equal shape (a residual connection or the sum of a cell's branches).
 * Element ops per image = (inputs - 1) x output elements.
 */
public record Add() implements Layer {

    public static Add of() {
        return new Add();
    }

    @Override
    public String kind() {
        return "add";
    }

    @Override
    public int arity() {
        return -1;
    }

    @Override
    public Shape outputShape(List<Shape> inputs) {
        if (inputs.isEmpty()) {
            throw new ShapeException("add takes at least one input, got none");
        }
        Shape first = inputs.getFirst();
        for (int i = 1; i < inputs.size(); i++) {
            if (!inputs.get(i).equals(first)) {
                throw new ShapeException("add: input " + i + " has shape " + inputs.get(i) + " but input 0 has "
                        + first);
            }
        }
        return first;
    }

    @Override
    public long elementOps(List<Shape> inputs, Shape output) {
        return (inputs.size() - 1L) * output.elements();
    }

    @Override
    public String toString() {
        return "add";
    }
}
