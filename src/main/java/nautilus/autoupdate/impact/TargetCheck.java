package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiModel.Missing;
import nautilus.autoupdate.api.ApiModel.Resolution;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.Kwarg;
import nautilus.autoupdate.code.Location;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;

/**
 * Every use of the package in our code that fails on the target's model, when the model of the
 * version we are on cannot be had (it left every index): with no diff to compare, the target alone
 * still proves that an import, a name, an attribute, a keyword or an import path in a string will
 * fail after the upgrade, whatever release (or none) says so. Only {@link Missing} counts, never a
 * use the model cannot read. A missing name that the target defines in exactly one other module
 * gets that module as its replacement, so the fix can move the import (and the fix proof checks the
 * result on the same model). Overrides are left out: our own methods override nothing.
 */
final class TargetCheck {
  private TargetCheck() {}

  /** The sites found, and the changes (appended after {@code changes}) that they point at. */
  record Result(ImpactMatcher.MatchResult found, List<BreakingChange> changes) {}

  static Result check(
      ImpactMatcher.MatchResult found, List<BreakingChange> changes, CodeBase code, ApiModel neu) {
    Version version = Version.parse(neu.version());
    List<BreakingChange> all = new ArrayList<>(changes);
    Map<String, Integer> changeByOld = new LinkedHashMap<>();
    Map<String, List<Site>> byFile = new LinkedHashMap<>();
    for (AffectedFile f : found.affectedFiles()) {
      byFile.put(f.path(), new ArrayList<>(f.sites()));
    }
    for (FileUses file : code.files()) {
      List<Site> sites = byFile.computeIfAbsent(file.path(), k -> new ArrayList<>());
      Set<String> taken = new HashSet<>();
      sites.forEach(s -> taken.add(place(s.line(), s.column(), s.cell())));
      // Names whose import already failed here with a replacement: the moved import fixes them.
      Set<String> movedHere = new HashSet<>();
      for (Use u : file.uses()) {
        for (Failure fail : failures(u, neu)) {
          if (!taken.add(place(fail.at().line(), fail.at().column(), fail.at().cell()))) {
            continue;
          }
          if (fail.kind() != MatchKind.IMPORT && covered(fail.old(), movedHere)) {
            continue;
          }
          String replacement =
              fail.kind() == MatchKind.IMPORT ? replacement(fail.old(), neu) : null;
          if (replacement != null) {
            movedHere.add(fail.old());
          }
          int index =
              changeByOld.computeIfAbsent(fail.old(), o -> add(all, version, fail, replacement));
          String fix =
              replacement == null
                  ? null
                  : "from "
                      + replacement.substring(0, replacement.lastIndexOf('.'))
                      + " import "
                      + replacement.substring(replacement.lastIndexOf('.') + 1);
          sites.add(
              new Site(
                  fail.at().line(),
                  fail.at().column(),
                  fail.at().cell(),
                  fail.at().lineText(),
                  fail.kind(),
                  Certainty.CERTAIN,
                  index,
                  fix,
                  fail.evidence()));
        }
      }
    }
    if (all.size() == changes.size()) {
      return new Result(found, changes);
    }
    List<AffectedFile> files = new ArrayList<>();
    byFile.forEach(
        (path, sites) -> {
          if (!sites.isEmpty()) {
            files.add(ApiEvidence.file(path, sites, all));
          }
        });
    return new Result(new ImpactMatcher.MatchResult(files, found.actions()), all);
  }

  /** One claim of a use that the target lacks: what is missing, where, and the model's words. */
  private record Failure(String old, Location at, MatchKind kind, String evidence) {}

  private static List<Failure> failures(Use u, ApiModel neu) {
    List<Failure> out = new ArrayList<>();
    switch (u.kind()) {
      case IMPORT -> {
        if (u.module() == null) {
          return out;
        }
        boolean star = u.name() == null || "*".equals(u.name());
        Resolution r = star ? neu.importModule(u.module()) : neu.importName(u.module(), u.name());
        if (r instanceof Missing m) {
          String old = star ? u.module() : u.module() + "." + u.name();
          out.add(new Failure(old, u.at(), MatchKind.IMPORT, evidence(neu, "import of " + old, m)));
        }
      }
      case NAME, ATTRIBUTE, CALL, CONFIG_STRING -> {
        if (!u.resolved()) {
          return out;
        }
        Resolution r = neu.resolve(u.target());
        if (r instanceof Missing m && !memberOfSomeClass(u.target(), neu)) {
          MatchKind kind =
              switch (u.kind()) {
                case NAME -> MatchKind.NAME;
                case ATTRIBUTE -> MatchKind.ATTRIBUTE;
                case CALL -> MatchKind.CALL;
                default -> MatchKind.CONFIG_STRING;
              };
          out.add(new Failure(u.target(), u.at(), kind, evidence(neu, "`" + u.target() + "`", m)));
          return out;
        }
        for (Kwarg k : u.kwargs()) {
          Resolution kr = neu.keyword(u.target(), k.name());
          if (kr instanceof Missing m) {
            String old = u.target() + "." + k.name();
            out.add(
                new Failure(
                    old,
                    k.at(),
                    MatchKind.KWARG,
                    evidence(neu, "keyword `" + k.name() + "=` of `" + u.target() + "`", m)));
          }
        }
      }
      default -> {}
    }
    return out;
  }

  /**
   * Whether the missing part is a member of a class that some class of the target still has: the
   * value may be a subclass ({@code order.price} on an {@code Order} annotation is a limit order's
   * price), which the model cannot rule out, so it proves nothing.
   */
  private static boolean memberOfSomeClass(String target, ApiModel neu) {
    // The first segment that fails, on the longest prefix that resolves (order.trigger_price.x
    // fails at trigger_price, a member of Order's subclasses).
    String[] parts = target.split("\\.");
    for (int n = 2; n <= parts.length; n++) {
      String prefix = String.join(".", java.util.Arrays.copyOf(parts, n));
      if (neu.resolve(prefix) instanceof Missing) {
        String owner = String.join(".", java.util.Arrays.copyOf(parts, n - 1));
        boolean onClass =
            neu.resolve(owner) instanceof ApiModel.Found f
                && (f.kind().equals("class") || f.kind().equals("enum"));
        return onClass && neu.anyClassHasMember(parts[n - 1]);
      }
    }
    return false;
  }

  private static String evidence(ApiModel neu, String what, Missing m) {
    return "on " + neu.version() + ", " + what + " fails: " + m.why();
  }

  /** Whether {@code old} is a name whose import here already moves (or a member of one). */
  private static boolean covered(String old, Set<String> moved) {
    for (String m : moved) {
      if (old.equals(m) || old.startsWith(m + ".")) {
        return true;
      }
    }
    return false;
  }

  /**
   * The one public module of the target that defines the missing name's class (a class moved
   * between modules), as {@code module.Name}; null when none or several do.
   */
  private static String replacement(String old, ApiModel neu) {
    int dot = old.lastIndexOf('.');
    if (dot < 0) {
      return null;
    }
    List<String> homes = neu.modulesDefining(old.substring(dot + 1));
    return homes.size() == 1 ? homes.get(0) + "." + old.substring(dot + 1) : null;
  }

  private static int add(List<BreakingChange> all, Version version, Failure f, String replacement) {
    List<String> news = new ArrayList<>();
    news.add(replacement);
    String text =
        replacement == null
            ? "`" + f.old() + "` does not resolve on " + version + " (the target's API model)"
            : "`"
                + f.old()
                + "` does not resolve on "
                + version
                + "; the target defines it as `"
                + replacement
                + "`";
    ChangeKind kind =
        replacement != null
            ? ChangeKind.MOVE
            : f.kind() == MatchKind.KWARG ? ChangeKind.SIGNATURE : ChangeKind.REMOVE;
    all.add(
        new BreakingChange(
            version,
            text,
            kind,
            ChangeScope.PYTHON,
            List.of(f.old()),
            news,
            replacement != null,
            null,
            "target-model"));
    return all.size() - 1;
  }

  private static String place(int line, int column, Integer cell) {
    return cell + ":" + line + ":" + column;
  }
}
