package nautilus.autoupdate.impact;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiModel.Found;
import nautilus.autoupdate.api.ApiModel.Resolution;
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
 * resolve (Unknown, an owner of unknown type), a keyword taken only by {@code **kwargs}, a changed
 * signature, or a site with no use at its place stays. Sites of the diff's own changes are never
 * touched.
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
    List<AffectedFile> files = new ArrayList<>();
    List<ApiDiffSummary.Cleared> cleared = new ArrayList<>();
    for (AffectedFile f : found.affectedFiles()) {
      FileUses uses = uses(code, f.path());
      List<Site> kept = new ArrayList<>();
      for (Site s : f.sites()) {
        String why =
            s.change() < noteChanges && uses != null ? sameOnBoth(uses, s, old, neu) : null;
        if (why == null) {
          kept.add(s);
        } else {
          cleared.add(new ApiDiffSummary.Cleared(f.path(), s.line(), s.cell(), s.change(), why));
        }
      }
      if (kept.size() == f.sites().size()) {
        files.add(f);
      } else if (!kept.isEmpty()) {
        files.add(new AffectedFile(f.path(), f.severity(), kept));
      }
    }
    return new Judged(new ImpactMatcher.MatchResult(files, found.actions()), cleared);
  }

  private static FileUses uses(CodeBase code, String path) {
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
    List<Use> at = new ArrayList<>();
    for (Use u : file.uses()) {
      if (here(u.at(), s) || u.kwargs().stream().map(Kwarg::at).anyMatch(k -> here(k, s))) {
        at.add(u);
      }
    }
    if (at.isEmpty()) {
      return null;
    }
    List<String> shown = new ArrayList<>();
    for (Use u : at) {
      if (!u.resolved()) {
        return null;
      }
      List<UseClaims.Claim> claims = UseClaims.of(u);
      if (claims.isEmpty()) {
        return null;
      }
      for (UseClaims.Claim c : claims) {
        Resolution a = c.check().apply(old);
        Resolution b = c.check().apply(neu);
        // A call or an override also depends on the signature; an import or a name does not.
        boolean signature = u.kind() == UseKind.CALL || u.kind() == UseKind.OVERRIDE;
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

  private static boolean here(Location at, Site s) {
    return at.line() == s.line()
        && at.column() == s.column()
        && Objects.equals(at.cell(), s.cell());
  }

  /** Same definition and kind (and signature); a keyword only when bound by name on both. */
  private static boolean same(Found a, Found b, boolean signature) {
    if (a.path().contains("(**") || b.path().contains("(**")) {
      return false;
    }
    return a.path().equals(b.path())
        && a.kind().equals(b.kind())
        && a.rest().equals(b.rest())
        && (!signature || Objects.equals(a.params(), b.params()));
  }
}
