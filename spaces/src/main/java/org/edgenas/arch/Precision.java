package org.edgenas.arch;

/** Numeric precision of stored tensors, which sets the bytes each element occupies. */
public enum Precision {
    FP32(4), FP16(2), INT8(1);

    private final int bytes;

    Precision(int bytes) {
        this.bytes = bytes;
    }

    /** Bytes per element. */
    public int bytes() {
        return bytes;
    }
}
