package nautilus.autoupdate.deps;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.config.TomlFiles;
import nautilus.autoupdate.version.Version;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * A dependency on the upstream package taken from its git repository: a PEP 508 direct reference
 * ({@code nautilus_trader @ git+https://github.com/...@<rev>}, in a pyproject or requirements file,
 * also {@code git+...@<rev>#egg=nautilus_trader}), a uv source ({@code [tool.uv.sources]} with
 * {@code git} and {@code rev}, {@code tag} or {@code branch}) or a Poetry git dependency.
 *
 * @param ref the revision as written: a commit, a tag or a branch (empty when none is named)
 */
public record GitPin(String file, int line, String url, String ref) {

  private static final Pattern COMMIT = Pattern.compile("[0-9a-fA-F]{7,40}");
  private static final Pattern VERSION_TAG =
      Pattern.compile("v?(\\d+\\.\\d+\\.\\d+[0-9A-Za-z.+-]*)");

  /** Whether the revision is a commit hash rather than a tag or a branch. */
  public boolean isCommit() {
    return COMMIT.matcher(ref).matches();
  }

  /** The version a release tag names ({@code v1.221.0}); empty for commits and branches. */
  public Optional<Version> tagVersion() {
    Matcher m = VERSION_TAG.matcher(ref);
    return m.matches() && !isCommit() ? Version.tryParse(m.group(1)) : Optional.empty();
  }

  /** "git pin 6f1e2a3" or "git pin v1.221.0": what the report names as the version's source. */
  public String source() {
    return ref.isEmpty() ? "git pin " + url : "git pin " + ref;
  }

  /** {@code pyproject.toml:12}. */
  public String location() {
    return file + ":" + line;
  }

  /** The git pins of {@code packageName} in the scanned pin files, in file order. */
  static List<GitPin> find(List<Pins.Scanned> files, String packageName) {
    List<GitPin> out = new ArrayList<>();
    for (Pins.Scanned f : files) {
      directReferences(f, packageName, out);
      if (f.kind() instanceof PyprojectPinFile) {
        tomlSources(f, packageName, out);
      }
    }
    return out;
  }

  private static void directReferences(Pins.Scanned f, String pkg, List<GitPin> out) {
    String name = namePattern(pkg);
    Pattern named =
        Pattern.compile(
            "(?i)(?<![\\w.-])"
                + name
                + "\\s*(?:\\[[^\\]]*\\])?\\s*@\\s*git\\+([^\\s\"'#;@]+(?:@[^\\s\"'#;@]+)?)");
    Pattern egg = Pattern.compile("(?i)git\\+([^\\s\"'#;]+)#[^\\s\"']*egg=" + name + "(?![\\w.-])");
    String text = f.text();
    for (Pattern p : List.of(named, egg)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        String spec = m.group(1);
        // The revision follows the last @ after the host (user@host in ssh URLs comes first).
        int slash = spec.indexOf('/', spec.indexOf("//") + 2);
        int at = spec.lastIndexOf('@');
        String url = at > slash && slash > 0 ? spec.substring(0, at) : spec;
        String ref = at > slash && slash > 0 ? spec.substring(at + 1) : "";
        out.add(new GitPin(f.path(), lineOf(text, m.start()), url, ref));
      }
    }
  }

  private static void tomlSources(Pins.Scanned f, String pkg, List<GitPin> out) {
    TomlParseResult toml;
    try {
      toml = TomlFiles.parse(f.text(), f.path());
    } catch (UserError e) {
      return; // the pin scan already reported a malformed file
    }
    List<List<String>> tables = new ArrayList<>();
    tables.add(List.of("tool", "uv", "sources"));
    tables.add(List.of("tool", "poetry", "dependencies"));
    tables.add(List.of("tool", "poetry", "dev-dependencies"));
    Object groups = toml.get(List.of("tool", "poetry", "group"));
    if (groups instanceof TomlTable) {
      for (String g : ((TomlTable) groups).keySet()) {
        tables.add(List.of("tool", "poetry", "group", g, "dependencies"));
      }
    }
    for (List<String> path : tables) {
      Object t = toml.get(path);
      if (!(t instanceof TomlTable)) {
        continue;
      }
      TomlTable table = (TomlTable) t;
      for (String key : table.keySet()) {
        Object v = table.get(List.of(key));
        if (!PackageNames.same(key, pkg) || !(v instanceof TomlTable)) {
          continue;
        }
        TomlTable src = (TomlTable) v;
        Object git = src.get(List.of("git"));
        if (!(git instanceof String)) {
          continue;
        }
        String ref = "";
        for (String k : List.of("rev", "tag", "branch")) {
          if (src.get(List.of(k)) instanceof String) {
            ref = (String) src.get(List.of(k));
            break;
          }
        }
        TomlPosition pos = table.inputPositionOf(List.of(key));
        out.add(new GitPin(f.path(), pos == null ? 1 : pos.line(), (String) git, ref.strip()));
      }
    }
  }

  /** The package's name in any PEP 503 spelling: {@code nautilus[-_.]trader}. */
  static String namePattern(String pkg) {
    List<String> parts = new ArrayList<>();
    for (String part : PackageNames.normalize(pkg).split("-")) {
      parts.add(Pattern.quote(part));
    }
    return String.join("[-_.]+", parts);
  }

  private static int lineOf(String text, int offset) {
    int line = 1;
    for (int i = 0; i < offset; i++) {
      if (text.charAt(i) == '\n') {
        line++;
      }
    }
    return line;
  }
}
