package nautilus.autoupdate.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.ChangelogJsonSource;
import nautilus.autoupdate.release.ReleaseSource;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.report.Format;
import nautilus.autoupdate.version.InvalidVersionException;
import nautilus.autoupdate.version.ReleaseRange;
import nautilus.autoupdate.version.Version;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Lists the breaking changes of every release in (--from, --to], structured. */
@Command(
    name = "changes",
    mixinStandardHelpOptions = true,
    description = {
      "List the breaking changes of every NautilusTrader release after --from up to --to, each"
          + " with its kind, scope, old and new identifiers.",
      "A nightly, develop or rc target (1.225.0a20260323) includes its base release's notes."
    })
final class ChangesCommand extends BaseCommand {

  enum Scope {
    python,
    all
  }

  @Option(
      names = "--from",
      required = true,
      paramLabel = "V1",
      description = "The version upgraded from (exclusive), e.g. 1.219.0.")
  String from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "V2",
      description = "The version upgraded to (inclusive), e.g. 1.222.0 or 1.223.0a20260101.")
  String to;

  static final class Source {
    @Option(
        names = "--releases-md",
        paramLabel = "FILE",
        description = "NautilusTrader's RELEASES.md to read the notes from.")
    Path releasesMd;

    @Option(
        names = "--changelog-json",
        paramLabel = "FILE",
        description = "The N8N changelog JSON (docs/nautilus/nautilus-trader-changelog.json).")
    Path changelogJson;
  }

  @ArgGroup(exclusive = true, multiplicity = "0..1")
  Source source;

  @Option(
      names = "--scope",
      defaultValue = "all",
      paramLabel = "SCOPE",
      description =
          "python: only changes that can reach Python code (python, both, unknown); all: every"
              + " change (default: ${DEFAULT-VALUE}).")
  Scope scope;

  @Mixin FormatOption format = FormatOption.of(Format.TEXT, Format.JSON, Format.MARKDOWN);

  @Override
  public Integer call() {
    Version v1 = version(from, "--from");
    Version v2 = version(to, "--to");
    ReleaseSource notes = source();
    List<BreakingChange> changes =
        new ChangeSelector(new NotesParser())
            .select(notes.releases(), new ReleaseRange(v1, v2), scope == Scope.python);
    String out;
    switch (format.value()) {
      case JSON -> out = json(v1, v2, changes);
      case MARKDOWN -> out = markdown(v1, v2, changes);
      default -> out = text(v1, v2, changes);
    }
    context().out().print(out);
    context().out().flush();
    return ExitCodes.OK;
  }

  private static Version version(String text, String option) {
    try {
      return Version.parse(text);
    } catch (InvalidVersionException e) {
      throw new UserError(option + ": " + e.getMessage(), e);
    }
  }

  private ReleaseSource source() {
    Path wd = context().workingDir();
    if (source != null && source.releasesMd != null) {
      return new ReleasesMdSource(wd.resolve(source.releasesMd));
    }
    if (source != null && source.changelogJson != null) {
      return new ChangelogJsonSource(wd.resolve(source.changelogJson));
    }
    throw new UserError(
        "no release notes given: pass --releases-md FILE (NautilusTrader's RELEASES.md) or"
            + " --changelog-json FILE (the N8N changelog JSON)");
  }

  static String json(Version v1, Version v2, List<BreakingChange> changes) {
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("from", v1.toString());
    doc.put("to", v2.toString());
    doc.put("changes", changes);
    try {
      return Json.mapper().writeValueAsString(doc) + "\n";
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot serialize changes", e);
    }
  }

  private String text(Version v1, Version v2, List<BreakingChange> changes) {
    StringBuilder sb = new StringBuilder();
    sb.append(bold("Breaking changes after " + v1 + " up to " + v2))
        .append(" (")
        .append(changes.size())
        .append(scope == Scope.python ? ", Python scope" : "")
        .append(")\n");
    if (changes.isEmpty()) {
      sb.append("  none\n");
    }
    Version current = null;
    for (BreakingChange c : changes) {
      if (!c.version().equals(current)) {
        current = c.version();
        sb.append('\n').append(bold(current.toString())).append('\n');
      }
      String deprecation = NotesParser.isDeprecation(c) ? " deprecation" : "";
      sb.append("  ")
          .append(paint(kindColor(c.kind()), String.format("%-11s", c.kind().id())))
          .append(' ')
          .append(String.format("%-7s", c.scope().id()))
          .append(deprecation.isEmpty() ? "" : dim("[deprecation] "))
          .append(c.text())
          .append('\n');
      for (int i = 0; i < c.old().size(); i++) {
        String n = c.replacementFor(i);
        sb.append("              ")
            .append(dim(n == null ? c.old().get(i) : c.old().get(i) + " -> " + n))
            .append('\n');
      }
      if (c.autoFixable()) {
        sb.append("              ").append(paint("32", "auto-fixable")).append('\n');
      }
    }
    return sb.toString();
  }

  private String markdown(Version v1, Version v2, List<BreakingChange> changes) {
    StringBuilder sb = new StringBuilder();
    sb.append("## Breaking changes after ").append(v1).append(" up to ").append(v2).append("\n");
    if (changes.isEmpty()) {
      sb.append("\nNone.\n");
    }
    Version current = null;
    for (BreakingChange c : changes) {
      if (!Objects.equals(c.version(), current)) {
        current = c.version();
        sb.append("\n### ").append(current).append("\n\n");
      }
      sb.append("- **").append(c.kind().id()).append("** (").append(c.scope().id());
      if (NotesParser.isDeprecation(c)) {
        sb.append(", deprecation");
      }
      sb.append("): ").append(c.text().replace("\n", " "));
      for (int i = 0; i < c.old().size(); i++) {
        String n = c.replacementFor(i);
        sb.append(i == 0 ? " — " : ", ").append(code(c.old().get(i)));
        if (n != null) {
          sb.append(" → ").append(code(n));
        }
      }
      if (c.autoFixable()) {
        sb.append(" _(auto-fixable)_");
      }
      sb.append('\n');
      if (c.migration() != null) {
        sb.append("\n  ```\n");
        for (String line : c.migration().split("\n")) {
          sb.append("  ").append(line).append('\n');
        }
        sb.append("  ```\n");
      }
    }
    return sb.toString();
  }

  private static String code(String id) {
    return "`" + id.replace("`", "") + "`";
  }

  private static String kindColor(ChangeKind kind) {
    switch (kind) {
      case RENAME:
      case MOVE:
        return "36";
      case REMOVE:
      case SIGNATURE:
      case TYPE:
        return "31";
      default:
        return "33";
    }
  }

  private String bold(String s) {
    return paint("1", s);
  }

  private String dim(String s) {
    return paint("2", s);
  }

  private String paint(String code, String s) {
    return color() ? "\u001b[" + code + "m" + s + "\u001b[0m" : s;
  }

  @Override
  public String toString() {
    return "changes " + from + ".." + to + " " + scope.name().toLowerCase(Locale.ROOT);
  }
}
