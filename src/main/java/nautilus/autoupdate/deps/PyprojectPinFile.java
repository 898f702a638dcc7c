package nautilus.autoupdate.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.TomlFiles;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * {@code pyproject.toml}: PEP 621 {@code [project].dependencies} and {@code
 * [project.optional-dependencies]}, PEP 735 {@code [dependency-groups]}, and Poetry's {@code
 * [tool.poetry.dependencies]}, {@code [tool.poetry.group.*.dependencies]} and {@code
 * [tool.poetry.dev-dependencies]}; also uv's {@code [tool.uv]} {@code dev-dependencies}, {@code
 * constraint-dependencies}, {@code override-dependencies} and PDM's {@code
 * [tool.pdm.dev-dependencies]}. The uv index for nightly builds is a {@code [[tool.uv.index]]}
 * entry with {@code explicit = true} plus a {@code [tool.uv.sources]} pin. Poetry sources are not
 * written.
 */
public final class PyprojectPinFile implements PinFile {
  static final String INDEX_NAME = "nautech";

  @Override
  public String id() {
    return "pyproject";
  }

  @Override
  public boolean handles(String relPath) {
    return relPath.equals("pyproject.toml") || relPath.endsWith("/pyproject.toml");
  }

  @Override
  public PinScan extract(String relPath, String text) {
    TomlParseResult toml;
    try {
      toml = TomlFiles.parse(text, relPath);
    } catch (UserError e) {
      return PinScan.failed(e.getMessage());
    }
    TomlText src = new TomlText(text);
    List<Pin> pins = new ArrayList<>();
    requirementArray(toml, List.of("project", "dependencies"), relPath, src, pins);
    for (String group : keysOf(toml, List.of("project", "optional-dependencies"))) {
      requirementArray(
          toml, List.of("project", "optional-dependencies", group), relPath, src, pins);
    }
    for (String group : keysOf(toml, List.of("dependency-groups"))) {
      requirementArray(toml, List.of("dependency-groups", group), relPath, src, pins);
    }
    for (String key :
        List.of("dev-dependencies", "constraint-dependencies", "override-dependencies")) {
      requirementArray(toml, List.of("tool", "uv", key), relPath, src, pins);
    }
    for (String group : keysOf(toml, List.of("tool", "pdm", "dev-dependencies"))) {
      requirementArray(toml, List.of("tool", "pdm", "dev-dependencies", group), relPath, src, pins);
    }
    poetryTable(toml, List.of("tool", "poetry", "dependencies"), relPath, src, pins);
    poetryTable(toml, List.of("tool", "poetry", "dev-dependencies"), relPath, src, pins);
    for (String group : keysOf(toml, List.of("tool", "poetry", "group"))) {
      poetryTable(
          toml, List.of("tool", "poetry", "group", group, "dependencies"), relPath, src, pins);
    }
    return new PinScan(pins, List.of(), Optional.empty());
  }

  private static List<String> keysOf(TomlTable root, List<String> path) {
    Object t = root.get(path);
    return t instanceof TomlTable
        ? new ArrayList<>(new TreeSet<>(((TomlTable) t).keySet()))
        : List.of();
  }

  private static String where(List<String> path) {
    if (path.size() == 1) {
      return "[" + path.get(0) + "]";
    }
    return "["
        + String.join(".", path.subList(0, path.size() - 1))
        + "]."
        + path.get(path.size() - 1);
  }

  private static void requirementArray(
      TomlParseResult toml, List<String> path, String file, TomlText src, List<Pin> out) {
    if (!(toml.get(path) instanceof TomlArray)) {
      return;
    }
    TomlPosition key = toml.inputPositionOf(path);
    if (key == null) {
      return;
    }
    for (TomlText.Literal lit : src.stringsInArray(src.valueAfterKey(src.offsetOf(key)))) {
      Optional<Requirement> req = Requirement.parse(lit.value());
      if (req.isEmpty()) {
        continue;
      }
      Requirement r = req.get();
      int start = lit.contentStart() + r.specStart();
      Optional<SkipReason> skip =
          r.url()
              ? Optional.of(SkipReason.DIRECT_REFERENCE)
              : lit.escaped()
                  ? Optional.of(SkipReason.ESCAPED_STRING)
                  : r.specifier().isEmpty() ? Optional.of(SkipReason.UNPINNED) : Optional.empty();
      out.add(
          new Pin(
              file,
              src.lineOf(start),
              r.name(),
              r.specifier(),
              start,
              lit.contentStart() + r.specEnd(),
              Pin.Syntax.PEP440,
              where(path),
              skip));
    }
  }

  private static void poetryTable(
      TomlParseResult toml, List<String> path, String file, TomlText src, List<Pin> out) {
    Object t = toml.get(path);
    if (!(t instanceof TomlTable)) {
      return;
    }
    TomlTable table = (TomlTable) t;
    for (String name : new TreeSet<>(table.keySet())) {
      if (name.equals("python")) {
        continue;
      }
      Object value = table.get(List.of(name));
      TomlPosition keyPos;
      String where = where(path) + "." + name;
      if (value instanceof String) {
        keyPos = table.inputPositionOf(List.of(name));
      } else if (value instanceof TomlTable
          && ((TomlTable) value).get(List.of("version")) != null) {
        keyPos = ((TomlTable) value).inputPositionOf(List.of("version"));
      } else {
        // git/path/url sources, or a list of per-marker constraints.
        TomlPosition p = table.inputPositionOf(List.of(name));
        out.add(
            new Pin(
                file,
                p == null ? 1 : p.line(),
                name,
                "",
                0,
                0,
                Pin.Syntax.POETRY,
                where,
                Optional.of(
                    value instanceof TomlTable
                        ? SkipReason.DIRECT_REFERENCE
                        : SkipReason.UNSUPPORTED_CONSTRAINT)));
        continue;
      }
      if (keyPos == null) {
        continue;
      }
      Optional<TomlText.Literal> lit = src.stringAt(src.valueAfterKey(src.offsetOf(keyPos)));
      if (lit.isEmpty()) {
        continue;
      }
      TomlText.Literal l = lit.get();
      String spec = l.raw().strip();
      int lead = l.raw().indexOf(spec.isEmpty() ? l.raw() : spec);
      Optional<SkipReason> skip =
          l.escaped()
              ? Optional.of(SkipReason.ESCAPED_STRING)
              : spec.isEmpty() || spec.equals("*")
                  ? Optional.of(SkipReason.UNPINNED)
                  : spec.contains("||")
                      ? Optional.of(SkipReason.UNSUPPORTED_CONSTRAINT)
                      : Optional.empty();
      int start = l.contentStart() + Math.max(0, lead);
      out.add(
          new Pin(
              file,
              src.lineOf(start),
              name,
              spec,
              start,
              start + spec.length(),
              Pin.Syntax.POETRY,
              where,
              skip));
    }
  }

  private static final Pattern SOURCES_HEADER =
      Pattern.compile(
          "^[ \\t]*\\[[ \\t]*tool[ \\t]*\\.[ \\t]*uv[ \\t]*\\.[ \\t]*sources[ \\t]*\\][^\\n]*\\n?",
          Pattern.MULTILINE);

  @Override
  public String ensureIndex(String relPath, String text, String packageName, String indexUrl) {
    TomlParseResult toml = TomlFiles.parse(text, relPath);
    String nl = text.contains("\r\n") ? "\r\n" : "\n";
    String indexName = null;
    List<String> names = new ArrayList<>();
    Object indexes = toml.get(List.of("tool", "uv", "index"));
    if (indexes instanceof TomlArray) {
      for (Object o : ((TomlArray) indexes).toList()) {
        if (o instanceof TomlTable) {
          TomlTable t = (TomlTable) o;
          Object name = t.get(List.of("name"));
          Object url = t.get(List.of("url"));
          if (name instanceof String) {
            names.add((String) name);
          }
          if (url instanceof String && sameUrl((String) url, indexUrl) && name instanceof String) {
            indexName = (String) name;
          }
        }
      }
    }
    StringBuilder append = new StringBuilder();
    if (indexName == null) {
      indexName = names.contains(INDEX_NAME) ? INDEX_NAME + "-nightly" : INDEX_NAME;
      append
          .append(nl)
          .append("[[tool.uv.index]]")
          .append(nl)
          .append("name = \"")
          .append(indexName)
          .append('"')
          .append(nl)
          .append("url = \"")
          .append(indexUrl)
          .append('"')
          .append(nl)
          .append("explicit = true")
          .append(nl);
    }
    String sourceLine = packageName + " = { index = \"" + indexName + "\" }" + nl;
    String result = text;
    Object sources = toml.get(List.of("tool", "uv", "sources"));
    if (sources instanceof TomlTable) {
      boolean present =
          ((TomlTable) sources).keySet().stream().anyMatch(k -> PackageNames.same(k, packageName));
      if (!present) {
        Matcher m = SOURCES_HEADER.matcher(text);
        if (!m.find()) {
          throw new UserError(
              relPath
                  + ": [tool.uv.sources] is not written as its own table; add '"
                  + sourceLine.strip()
                  + "' to it by hand");
        }
        String header = m.group();
        String insert = header.endsWith("\n") ? sourceLine : nl + sourceLine;
        result = text.substring(0, m.end()) + insert + text.substring(m.end());
      }
    } else {
      append.append(nl).append("[tool.uv.sources]").append(nl).append(sourceLine);
    }
    if (append.length() == 0) {
      return result;
    }
    if (!result.isEmpty() && !result.endsWith("\n")) {
      result += nl;
    }
    return result + append.substring(result.isEmpty() ? nl.length() : 0);
  }

  static boolean sameUrl(String a, String b) {
    return a.strip().replaceAll("/+$", "").equalsIgnoreCase(b.strip().replaceAll("/+$", ""));
  }
}
