package nautilus.autoupdate.code;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import nautilus.autoupdate.Json;

/**
 * Reads the code cells of a Jupyter notebook as one module (cells share a namespace), keeping each
 * use's cell index and line within the cell. IPython magics ({@code %time}, {@code !pip}) are
 * blanked out as comments so the rest of the cell still parses, and so is a cell run by another
 * language ({@code %%bash}). What cannot be read (not JSON, no cells, a cell that is not text) is
 * the file's problem: it is reported, never guessed at.
 */
final class Notebooks {
  /** Cell magics whose body is still Python. */
  private static final Set<String> PYTHON_CELL_MAGICS =
      Set.of("time", "timeit", "capture", "prun", "debug", "python", "python3");

  private Notebooks() {}

  /** The facts and what could not be read; {@code problem} is null when all of it was read. */
  record Read(List<ModuleFacts> units, String problem) {}

  static Read extract(String path, byte[] bytes, PythonExtractor py) {
    JsonNode root;
    try {
      root = Json.mapper().readTree(new String(bytes, StandardCharsets.UTF_8));
    } catch (JsonProcessingException e) {
      return unreadable("not JSON: " + e.getOriginalMessage());
    } catch (IOException e) {
      return unreadable("not JSON: " + e.getMessage());
    }
    if (root == null || !root.path("cells").isArray()) {
      return unreadable("not a notebook: no list of cells");
    }
    List<String> problems = new ArrayList<>();
    ByteArrayOutputStream source = new ByteArrayOutputStream();
    List<Integer> cellStartLines = new ArrayList<>();
    List<Integer> cellStartBytes = new ArrayList<>();
    int line = 0;
    int index = -1;
    for (JsonNode cell : root.path("cells")) {
      index++;
      if (!cell.isObject()) {
        problems.add("cell " + index + " is not an object");
        continue;
      }
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String text = cellText(cell.path("source"));
      if (text == null) {
        problems.add("cell " + index + ": source is not text");
        continue;
      }
      cellStartLines.add(line);
      cellStartBytes.add(source.size());
      boolean foreign = foreignCellMagic(text);
      StringBuilder cleaned = new StringBuilder();
      for (String l : text.split("\n", -1)) {
        String t = l.stripLeading();
        if (foreign || t.startsWith("%") || t.startsWith("!")) {
          int at = l.length() - t.length();
          l = t.isEmpty() ? l : l.substring(0, at) + "#" + l.substring(at + 1);
        }
        cleaned.append(l).append('\n');
        line++;
      }
      source.writeBytes(cleaned.toString().getBytes(StandardCharsets.UTF_8));
    }
    int[] lines = cellStartLines.stream().mapToInt(Integer::intValue).toArray();
    int[] starts = cellStartBytes.stream().mapToInt(Integer::intValue).toArray();
    return new Read(
        List.of(py.extract(source.toByteArray(), lines, starts)),
        problems.isEmpty() ? null : String.join("; ", problems));
  }

  private static Read unreadable(String why) {
    return new Read(
        List.of(
            new ModuleFacts(
                List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), true)),
        why);
  }

  /** A cell whose first line hands it to another language ({@code %%bash}, {@code %%sql}). */
  private static boolean foreignCellMagic(String text) {
    String first = text.stripLeading();
    if (!first.startsWith("%%")) {
      return false;
    }
    int end = 2;
    while (end < first.length() && Character.isLetterOrDigit(first.charAt(end))) {
      end++;
    }
    return !PYTHON_CELL_MAGICS.contains(first.substring(2, end));
  }

  /** The cell's text: a string or a list of strings; null for anything else. */
  private static String cellText(JsonNode source) {
    if (source.isArray()) {
      StringBuilder sb = new StringBuilder();
      for (JsonNode s : source) {
        if (!s.isTextual()) {
          return null;
        }
        sb.append(s.asText());
      }
      return sb.toString();
    }
    return source.isTextual() || source.isMissingNode() ? source.asText() : null;
  }
}
