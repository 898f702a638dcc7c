package nautilus.autoupdate.code;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads the code cells of a Jupyter notebook as one module (cells share a namespace), keeping each
 * use's cell index and line within the cell. IPython magics ({@code %time}, {@code !pip}) are
 * blanked out as comments so the rest of the cell still parses.
 */
final class Notebooks {
  private Notebooks() {}

  static List<ModuleFacts> extract(String path, byte[] bytes, PythonExtractor py) {
    JsonNode root = CodeScanner.readJson(path, bytes);
    if (root == null || !root.path("cells").isArray()) {
      // Not a notebook we can read: reported as a parse error on the file, not guessed at.
      return List.of(
          new ModuleFacts(List.of(), List.of(), List.of(), List.of(), List.of(), List.of(), true));
    }
    ByteArrayOutputStream source = new ByteArrayOutputStream();
    List<Integer> cellStartLines = new ArrayList<>();
    List<Integer> cellStartBytes = new ArrayList<>();
    int line = 0;
    for (JsonNode cell : root.path("cells")) {
      if (!"code".equals(cell.path("cell_type").asText())) {
        continue;
      }
      String text = cellText(cell.path("source"));
      cellStartLines.add(line);
      cellStartBytes.add(source.size());
      StringBuilder cleaned = new StringBuilder();
      for (String l : text.split("\n", -1)) {
        String t = l.stripLeading();
        if (t.startsWith("%") || t.startsWith("!")) {
          int at = l.length() - t.length();
          l = l.substring(0, at) + "#" + l.substring(at + 1);
        }
        cleaned.append(l).append('\n');
        line++;
      }
      source.writeBytes(cleaned.toString().getBytes(StandardCharsets.UTF_8));
    }
    int[] lines = cellStartLines.stream().mapToInt(Integer::intValue).toArray();
    int[] starts = cellStartBytes.stream().mapToInt(Integer::intValue).toArray();
    return List.of(py.extract(source.toByteArray(), lines, starts));
  }

  private static String cellText(JsonNode source) {
    if (source.isArray()) {
      StringBuilder sb = new StringBuilder();
      source.forEach(s -> sb.append(s.asText()));
      return sb.toString();
    }
    return source.asText();
  }
}
