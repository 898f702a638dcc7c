package nautilus.autoupdate.code;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;

/**
 * Where a use sits. Byte offsets are into the file's UTF-8 bytes (for a notebook: into the code
 * cell's source); {@code line} and {@code column} are 1-based, the column counted in bytes; {@code
 * cell} is the 0-based code-cell index of a notebook, null elsewhere. The scan caches hold hundreds
 * of thousands of these: they are written as arrays, without the field names.
 */
@JsonFormat(shape = JsonFormat.Shape.ARRAY)
@JsonPropertyOrder({"startByte", "endByte", "line", "column", "cell", "lineText"})
public record Location(
    int startByte, int endByte, int line, int column, Integer cell, String lineText) {}
