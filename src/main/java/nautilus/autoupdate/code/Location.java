package nautilus.autoupdate.code;

/**
 * Where a use sits. Byte offsets are into the file's UTF-8 bytes (for a notebook: into the code
 * cell's source); {@code line} and {@code column} are 1-based, the column counted in bytes; {@code
 * cell} is the 0-based code-cell index of a notebook, null elsewhere.
 */
public record Location(
    int startByte, int endByte, int line, int column, Integer cell, String lineText) {}
