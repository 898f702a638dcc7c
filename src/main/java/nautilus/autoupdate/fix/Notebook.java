package nautilus.autoupdate.fix;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.Nesting;

/**
 * The code cells of a Jupyter notebook with the exact character spans of their source strings, so a
 * cell's source can be replaced while every other byte of the JSON (layout, key order, outputs)
 * stays as it was.
 */
final class Notebook {
  /**
   * A code cell: {@code index} among all cells, {@code codeIndex} among code cells, and the spans
   * ({@code [start, end)} in chars, quotes included) of its source strings.
   */
  record Cell(int index, int codeIndex, List<int[]> spans, String source, boolean array) {}

  private final String json;
  private final List<Cell> cells;

  private Notebook(String json, List<Cell> cells) {
    this.json = json;
    this.cells = cells;
  }

  String json() {
    return json;
  }

  List<Cell> cells() {
    return cells;
  }

  /** Reads the cells; IllegalArgumentException names the line when the JSON is not a notebook. */
  static Notebook parse(String json) {
    List<Cell> cells = new ArrayList<>();
    try (JsonParser p = Json.mapper().getFactory().createParser(json)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        throw new IllegalArgumentException("expected a JSON object (a notebook)");
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String field = p.currentName();
        JsonToken value = p.nextToken();
        if ("cells".equals(field) && value == JsonToken.START_ARRAY) {
          int index = 0;
          int codeIndex = 0;
          while (p.nextToken() == JsonToken.START_OBJECT) {
            Cell cell = readCell(p, json, index++, codeIndex);
            if (cell != null) {
              cells.add(cell);
              codeIndex++;
            }
          }
        } else {
          p.skipChildren();
        }
      }
    } catch (IOException e) {
      String where =
          e instanceof JsonProcessingException jpe && jpe.getLocation() != null
              ? " at line " + jpe.getLocation().getLineNr()
              : "";
      String deep = e instanceof JsonProcessingException jpe ? Nesting.tooDeep(jpe) : null;
      String message =
          deep != null
              ? deep
              : e instanceof JsonProcessingException jpe
                  ? jpe.getOriginalMessage()
                  : e.getMessage();
      throw new IllegalArgumentException("not a valid notebook: " + message + where, e);
    }
    return new Notebook(json, List.copyOf(cells));
  }

  /** Reads one cell object; null unless it is a code cell. */
  private static Cell readCell(JsonParser p, String json, int index, int codeIndex)
      throws IOException {
    String type = null;
    List<int[]> spans = new ArrayList<>();
    StringBuilder source = new StringBuilder();
    boolean array = true;
    while (p.nextToken() == JsonToken.FIELD_NAME) {
      String field = p.currentName();
      JsonToken value = p.nextToken();
      if ("cell_type".equals(field) && value == JsonToken.VALUE_STRING) {
        type = p.getText();
      } else if ("source".equals(field) && value == JsonToken.START_ARRAY) {
        while (p.nextToken() == JsonToken.VALUE_STRING) {
          int start = (int) p.currentTokenLocation().getCharOffset();
          spans.add(new int[] {start, stringEnd(json, start)});
          source.append(p.getText());
        }
      } else if ("source".equals(field) && value == JsonToken.VALUE_STRING) {
        int start = (int) p.currentTokenLocation().getCharOffset();
        spans.add(new int[] {start, stringEnd(json, start)});
        source.append(p.getText());
        array = false;
      } else {
        p.skipChildren();
      }
    }
    return "code".equals(type) ? new Cell(index, codeIndex, spans, source.toString(), array) : null;
  }

  /** The offset after the closing quote of the JSON string starting at {@code start}. */
  private static int stringEnd(String json, int start) {
    int i = start + 1;
    while (i < json.length() && json.charAt(i) != '"') {
      i += json.charAt(i) == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  /**
   * The notebook with {@code cell}'s source replaced: changed lines are re-encoded in place; when
   * the number of lines changes, the strings are re-joined with the separator the file uses.
   */
  String withSource(Cell cell, String newSource) throws IOException {
    List<String> lines = splitLines(newSource);
    List<String> oldLines = splitLines(cell.source());
    StringBuilder out = new StringBuilder(json);
    List<int[]> spans = cell.spans();
    if (!cell.array() || spans.isEmpty()) {
      if (spans.isEmpty()) {
        throw new IOException("code cell " + cell.codeIndex() + " has no source strings");
      }
      out.replace(spans.get(0)[0], spans.get(0)[1], encode(newSource));
      return out.toString();
    }
    if (lines.size() == spans.size() && oldLines.size() == spans.size()) {
      for (int i = spans.size() - 1; i >= 0; i--) {
        if (!lines.get(i).equals(oldLines.get(i))) {
          out.replace(spans.get(i)[0], spans.get(i)[1], encode(lines.get(i)));
        }
      }
      return out.toString();
    }
    String sep =
        spans.size() > 1
            ? json.substring(spans.get(0)[1], spans.get(1)[0])
            : "," + leadingWhitespace(json, spans.get(0)[0]);
    List<String> encoded = new ArrayList<>();
    for (String l : lines) {
      encoded.add(encode(l));
    }
    out.replace(spans.get(0)[0], spans.get(spans.size() - 1)[1], String.join(sep, encoded));
    return out.toString();
  }

  private static String leadingWhitespace(String json, int at) {
    int i = at;
    while (i > 0 && Character.isWhitespace(json.charAt(i - 1))) {
      i--;
    }
    return json.substring(i, at);
  }

  private static String encode(String s) throws IOException {
    return Json.mapper().writeValueAsString(s);
  }

  /** nbformat's split: each line keeps its "\n", the last may have none. */
  static List<String> splitLines(String s) {
    List<String> out = new ArrayList<>();
    int from = 0;
    for (int i = 0; i < s.length(); i++) {
      if (s.charAt(i) == '\n') {
        out.add(s.substring(from, i + 1));
        from = i + 1;
      }
    }
    if (from < s.length()) {
      out.add(s.substring(from));
    }
    return out;
  }
}
