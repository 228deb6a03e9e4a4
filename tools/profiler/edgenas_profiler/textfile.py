"""Reading a text file the tool was given: one located error line for a file it cannot read or that is not UTF-8."""


def read(path, error, what="", hint="", bom=True):
    """The UTF-8 text of ``path`` (without a leading byte-order mark when ``bom``).

    Raises ``error`` (an exception class taking one message) naming the file, and for bytes that are not UTF-8 the line
    of the first such byte; ``what`` names the file in the first message (e.g. "sweep file"), ``hint`` follows the
    second (what to do).
    """
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise error("%s: cannot read%s: %s" % (path, " " + what if what else "", e.strerror or e))
    return decode(data, path, error, hint, bom)


def decode(data, path, error, hint="", bom=True):
    """``data``, the bytes of ``path``, as UTF-8 text; raises ``error`` as ``read`` does for bytes that are not."""
    try:
        return data.decode("utf-8-sig" if bom else "utf-8")
    except UnicodeDecodeError as e:
        raise error("%s:%d: not UTF-8 text (byte 0x%02x)%s" % (path, data[:e.start].count(b"\n") + 1, data[e.start],
                                                              "; " + hint if hint else ""))
