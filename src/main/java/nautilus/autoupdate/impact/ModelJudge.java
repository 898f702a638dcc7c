package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiModel.Found;
import nautilus.autoupdate.api.ApiModel.Resolution;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.api.UseClaims;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.Kwarg;
import nautilus.autoupdate.code.Location;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.code.UseKind;

/**
 * Vetoes note sites the two versions' models show are no break: a site whose use resolves to the
 * same definition, of the same kind and signature, on the old and the new version (an import of a
 * name both still export from the same module, a keyword both bind by name) is taken out of the
 * affected files and recorded as cleared. Only positive evidence clears: a use the model cannot
 * resolve (Unknown, an owner of unknown type), a keyword taken only by {@code **kwargs} (kept, but
 * as possible and unfixed), a changed signature, or a site with no use at its place stays. Sites of
 * the diff's own changes are never touched.
 */
public final class ModelJudge {
  private ModelJudge() {}

  /** The matches with the cleared sites taken out, and those sites. */
  public record Judged(ImpactMatcher.MatchResult found, List<ApiDiffSummary.Cleared> cleared) {
    public Judged {
      cleared = List.copyOf(cleared);
    }
  }

  /**
   * Judges the sites of the first {@code noteChanges} changes (those from the release notes) of
   * {@code found} against the uses of {@code code}.
   */
  public static Judged judge(
      ImpactMatcher.MatchResult found, int noteChanges, CodeBase code, ApiModel old, ApiModel neu) {
    return judgeSites(
        found,
        noteChanges,
        code,
        (uses, s) -> {
          String why = sameOnBoth(uses, s, old, neu);
          return why == null ? Verdict.keep(kwargsOnTarget(uses, s, neu)) : Verdict.clear(why);
        });
  }

  /**
   * The judge when only the target's model can be had (the version we are on is on no index any
   * more): a note site whose every claim is found on the target is no proven break, and is taken
   * out as cleared (the caller keeps it as a review item: the note still says something changed
   * there, which one model cannot rule out); a site with a claim the target lacks is a proven
   * break, {@code certain}, with the target's own words as evidence. Only name-like uses are
   * cleared (imports, names, attributes, import paths in strings, keywords bound by name): a call
   * or an override also depends on a signature, which needs the old model to compare.
   */
  public static Judged judgeOnTarget(
      ImpactMatcher.MatchResult found, int noteChanges, CodeBase code, ApiModel neu) {
    return judgeSites(
        found,
        noteChanges,
        code,
        (uses, s) -> {
          OnTarget t = onTarget(uses, s, neu);
          if (t.cleared() != null) {
            return Verdict.clear(t.cleared());
          }
          if (t.missing() == null) {
            return Verdict.keep(kwargsOnTarget(uses, s, neu));
          }
          return Verdict.keep(
              s.judged(
                  Certainty.CERTAIN, s.fix(), s.evidence() != null ? s.evidence() : t.missing()));
        });
  }

  /** A note site judged: kept (as given, maybe with more evidence), or cleared and why. */
  private record Verdict(Site kept, String cleared) {
    static Verdict keep(Site s) {
      return new Verdict(s, null);
    }

    static Verdict clear(String why) {
      return new Verdict(null, why);
    }
  }

  /**
   * Applies {@code judge} to each note site (the first {@code noteChanges} changes) whose file was
   * scanned; the diff's own sites and sites of unscanned files are kept as they are.
   */
  private static Judged judgeSites(
      ImpactMatcher.MatchResult found,
      int noteChanges,
      CodeBase code,
      java.util.function.BiFunction<FileUses, Site, Verdict> judge) {
    List<AffectedFile> files = new ArrayList<>();
    List<ApiDiffSummary.Cleared> cleared = new ArrayList<>();
    for (AffectedFile f : found.affectedFiles()) {
      FileUses uses = uses(code, f.path());
      List<Site> kept = new ArrayList<>();
      for (Site s : f.sites()) {
        Verdict v =
            s.change() < noteChanges && uses != null ? judge.apply(uses, s) : Verdict.keep(s);
        if (v.cleared() == null) {
          kept.add(v.kept());
        } else {
          cleared.add(
              new ApiDiffSummary.Cleared(f.path(), s.line(), s.cell(), s.change(), v.cleared()));
        }
      }
      if (kept.equals(f.sites())) {
        files.add(f);
      } else if (!kept.isEmpty()) {
        files.add(new AffectedFile(f.path(), f.severity(), kept));
      }
    }
    return new Judged(new ImpactMatcher.MatchResult(files, found.actions()), cleared);
  }

  /**
   * A site at one keyword of a call that the target binds only through {@code **kwargs} is no
   * proven break, and no rename of that keyword is proven either: the keyword is passed on to code
   * the model cannot see ({@code write_data(skip_disjoint_check=True)} on a catalog whose 1.231.0
   * {@code write_data} takes {@code **kwargs}). Such a site stays, as {@code possible} and with no
   * fix, so that nothing edits it automatically; every other site is returned as it is.
   */
  static Site kwargsOnTarget(FileUses file, Site s, ApiModel neu) {
    for (Use u : usesAt(file, s)) {
      String keyword = keywordAt(u, s);
      if (keyword == null || !u.resolved()) {
        continue;
      }
      String bound = UseClaims.keywordKey(u.target(), keyword);
      for (UseClaims.Claim c : UseClaims.of(u)) {
        if (c.key().equals(bound) && c.check().apply(neu) instanceof Found f && f.throughKwargs()) {
          String why =
              "on "
                  + neu.version()
                  + ": `"
                  + keyword
                  + "=` binds only through "
                  + f.path()
                  + ", which the model cannot follow: not proven a break, left unfixed";
          return s.judged(
              Certainty.POSSIBLE, null, s.evidence() == null ? why : s.evidence() + "; " + why);
        }
      }
    }
    return s;
  }

  /** What the target's model says of a site: cleared (why), missing (why), or neither. */
  private record OnTarget(String cleared, String missing) {}

  private static OnTarget onTarget(FileUses file, Site s, ApiModel neu) {
    List<Use> at = usesAt(file, s);
    boolean keywordSite = at.stream().anyMatch(u -> !here(u.at(), s));
    if (at.isEmpty()) {
      return new OnTarget(null, null);
    }
    List<String> shown = new ArrayList<>();
    boolean clearable = true;
    for (Use u : at) {
      List<UseClaims.Claim> claims = UseClaims.of(u);
      if (!u.resolved() || claims.isEmpty()) {
        clearable = false;
        continue;
      }
      boolean nameLike =
          switch (u.kind()) {
            case IMPORT, NAME, ATTRIBUTE, CONFIG_STRING -> true;
            case CALL -> keywordSite;
            default -> false;
          };
      for (UseClaims.Claim c : claims) {
        // At a keyword site only the keyword's own claim (and its callee) speak for the site.
        if (keywordSite && c.key().startsWith("keyword ") && !here(c.at(), s)) {
          continue;
        }
        Resolution r = c.check().apply(neu);
        if (r instanceof ApiModel.Missing m) {
          return new OnTarget(null, "on " + neu.version() + ": " + c.text() + " fails: " + m.why());
        }
        if (!(r instanceof Found fr) || fr.throughKwargs()) {
          clearable = false;
        } else {
          shown.add(c.text() + " -> " + fr.path());
        }
      }
      clearable &= nameLike;
    }
    if (!clearable || shown.isEmpty()) {
      return new OnTarget(null, null);
    }
    return new OnTarget(
        "resolves on "
            + neu.version()
            + " (no model of the version we are on): "
            + String.join("; ", shown.stream().distinct().toList()),
        null);
  }

  /** The uses at the site's place: the use itself, or for a keyword site the call it belongs to. */
  static List<Use> usesAt(FileUses file, Site s) {
    List<Use> at = new ArrayList<>();
    for (Use u : file.uses()) {
      if (here(u.at(), s) || u.kwargs().stream().map(Kwarg::at).anyMatch(k -> here(k, s))) {
        at.add(u);
      }
    }
    return at;
  }

  static FileUses uses(CodeBase code, String path) {
    for (FileUses f : code.files()) {
      if (f.path().equals(path)) {
        return f;
      }
    }
    return null;
  }

  /**
   * Why the site's use is the same on both versions, or null when that is not shown: every claim of
   * every use at the site's place (for a keyword site, the call it belongs to) is found on both, at
   * the same definition, of the same kind and signature.
   */
  private static String sameOnBoth(FileUses file, Site s, ApiModel old, ApiModel neu) {
    List<Use> at = usesAt(file, s);
    if (at.isEmpty()) {
      return null;
    }
    List<String> shown = new ArrayList<>();
    for (Use u : at) {
      if (!u.resolved()) {
        return null;
      }
      List<UseClaims.Claim> claims = UseClaims.of(u);
      // A site at one keyword of a call ("Deprecated `testnet` ... use `environment`") claims only
      // the callee and that keyword: it stands whatever else of the signature changed.
      String keyword = keywordAt(u, s);
      if (keyword != null) {
        String callee = UseClaims.nameKey(u.target());
        String bound = UseClaims.keywordKey(u.target(), keyword);
        claims =
            claims.stream().filter(c -> c.key().equals(callee) || c.key().equals(bound)).toList();
      }
      if (claims.isEmpty()) {
        return null;
      }
      for (UseClaims.Claim c : claims) {
        Resolution a = c.check().apply(old);
        Resolution b = c.check().apply(neu);
        // A call or an override also depends on the signature; an import or a name does not.
        boolean signature =
            keyword == null && (u.kind() == UseKind.CALL || u.kind() == UseKind.OVERRIDE);
        if (!(a instanceof Found fa) || !(b instanceof Found fb) || !same(fa, fb, signature)) {
          return null;
        }
        shown.add(c.text() + " -> " + fb.path());
      }
    }
    return "resolves the same on "
        + old.version()
        + " and "
        + neu.version()
        + ": "
        + String.join("; ", shown.stream().distinct().toList());
  }

  /** The keyword of {@code u} the site sits on (not the use's own place), or null. */
  private static String keywordAt(Use u, Site s) {
    if (here(u.at(), s)) {
      return null;
    }
    return u.kwargs().stream()
        .filter(k -> here(k.at(), s))
        .map(Kwarg::name)
        .findFirst()
        .orElse(null);
  }

  private static boolean here(Location at, Site s) {
    return at.line() == s.line()
        && at.column() == s.column()
        && Objects.equals(at.cell(), s.cell());
  }

  /** Same definition and kind (and signature); a keyword only when bound by name on both. */
  private static boolean same(Found a, Found b, boolean signature) {
    if (a.throughKwargs() || b.throughKwargs()) {
      return false;
    }
    return a.path().equals(b.path())
        && a.kind().equals(b.kind())
        && a.rest().equals(b.rest())
        && (!signature || Objects.equals(untyped(a.params()), untyped(b.params())));
  }

  /** Binding depends on names, kinds and defaults; a changed type is {@link FieldTypes}' call. */
  private static List<ApiSnapshot.Param> untyped(List<ApiSnapshot.Param> params) {
    return params == null ? null : params.stream().map(ApiSnapshot.Param::untyped).toList();
  }
}
