package nautilus.autoupdate.fix;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiModel.Found;
import nautilus.autoupdate.api.ApiModel.Missing;
import nautilus.autoupdate.api.ApiModel.Resolution;
import nautilus.autoupdate.api.UseClaims;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.FileUses;
import nautilus.autoupdate.code.ScanScope;
import nautilus.autoupdate.code.Use;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.impact.ImpactReport;

/**
 * The proof against the target version's {@link ApiModel}: the edited files are scanned as they
 * would be after the edits, and every claim the edits add (uses after minus uses before: an
 * imported module or name, a name or attribute, a keyword of a call, a method that overrides, an
 * import path in a string) must be {@link Found} on the target. Missing and Unknown both fail: only
 * positive evidence lets an edit through. A claim the code made before but on a line the edit wrote
 * (a name kept in a rewritten import) fails when the target is known to lack it. Without a model
 * nothing is proven.
 */
public final class ModelProof implements Proof {
  private final ApiDiffSource models;
  private final String packageName;
  private final ScanScope scope;
  private final CodeScanner scanner;

  /** The proof of the configured package and source dirs, from {@code models}. */
  public static ModelProof of(ApiDiffSource models, AutoUpdateConfig cfg) {
    return new ModelProof(models, cfg.packageName(), ScanScope.of(cfg));
  }

  public ModelProof(ApiDiffSource models, String packageName, List<String> sourceDirs) {
    this(models, packageName, ScanScope.of(sourceDirs));
  }

  /** Names resolve within the scope the check scanned (its separate projects left out). */
  public ModelProof(ApiDiffSource models, String packageName, ScanScope scope) {
    this(models, packageName, scope, new CodeScanner(1));
  }

  ModelProof(
      ApiDiffSource models, String packageName, List<String> sourceDirs, CodeScanner scanner) {
    this(models, packageName, ScanScope.of(sourceDirs), scanner);
  }

  private ModelProof(
      ApiDiffSource models, String packageName, ScanScope scope, CodeScanner scanner) {
    this.models = models;
    this.packageName = packageName;
    this.scope = scope;
    this.scanner = scanner;
  }

  @Override
  public Verdict prove(Path repo, ImpactReport report, List<FileChange> changes) {
    if (changes.isEmpty()) {
      return new Verdict(null, List.of());
    }
    Optional<ApiModel> target = models.model(packageName, report.version());
    if (target.isEmpty()) {
      return Verdict.refuse(models.noModel(packageName, report.version()));
    }
    ApiModel model = target.get();
    Map<String, byte[]> before = new LinkedHashMap<>();
    Map<String, byte[]> after = new LinkedHashMap<>();
    for (FileChange c : changes) {
      before.put(c.path(), c.before());
      after.put(c.path(), c.after());
    }
    Map<String, FileUses> was = byPath(scanner.usesOf(repo, scope, packageName, before));
    List<Failure> failures = new ArrayList<>();
    for (FileUses now : scanner.usesOf(repo, scope, packageName, after)) {
      Set<String> old = new HashSet<>();
      FileUses prior = was.get(now.path());
      if (prior != null) {
        for (Use u : prior.uses()) {
          UseClaims.of(u).forEach(c -> old.add(c.key()));
        }
      }
      Set<String> linesBefore = linesOf(before.get(now.path()));
      Map<String, Resolution> memo = new LinkedHashMap<>();
      for (Use u : now.uses()) {
        // A line the edit wrote is the edit's code as a whole: a name it keeps there ("from
        // nautilus_trader.core import nautilus_pyo3, UUID4", merged into a broken import) must
        // not be known to fail on the target either.
        // (A notebook's lines are compared as JSON text, so there only new claims count.)
        boolean written = u.at().cell() == null && !linesBefore.contains(u.at().lineText());
        for (UseClaims.Claim c : UseClaims.of(u)) {
          boolean claimedBefore = old.contains(c.key());
          if (claimedBefore && !written) {
            continue; // the code claimed this before the edit: not the edit's doing
          }
          Resolution r = memo.computeIfAbsent(c.key(), k -> c.check().apply(model));
          if (claimedBefore ? r instanceof Missing : !(r instanceof Found)) {
            failures.add(
                new Failure(
                    now.path(),
                    c.at().cell(),
                    c.at().line(),
                    c.at().column(),
                    c.text(),
                    r.describe() + (r instanceof Missing ? "" : " (no positive evidence)")));
          }
        }
      }
    }
    return new Verdict(null, failures);
  }

  private static Set<String> linesOf(byte[] bytes) {
    if (bytes == null) {
      return Set.of();
    }
    // Stripped, as the scanner gives a use's line (Location.lineText).
    Set<String> out = new HashSet<>();
    for (String line :
        new String(bytes, java.nio.charset.StandardCharsets.UTF_8).split("\\r?\\n", -1)) {
      out.add(line.strip());
    }
    return out;
  }

  private static Map<String, FileUses> byPath(List<FileUses> files) {
    Map<String, FileUses> out = new LinkedHashMap<>();
    files.forEach(f -> out.put(f.path(), f));
    return out;
  }
}
