package nautilus.autoupdate.impact;

import java.nio.file.Path;
import java.time.Clock;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.code.CodeBase;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.code.Interest;
import nautilus.autoupdate.code.ScanScope;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.deps.CurrentVersion;
import nautilus.autoupdate.deps.Pins;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.release.NotesSection;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.release.ReleaseSource;
import nautilus.autoupdate.version.ReleaseRange;
import nautilus.autoupdate.version.Version;

/**
 * What {@code check} does, without the command line: the current version (pin or {@code --from}),
 * the target ({@code --to}, else the newest released version of the configured channel), the
 * breaking changes in between, the sites they reach in our code, and the decision, as one {@link
 * ImpactReport}.
 */
public final class ImpactAnalyzer {
  /** Where the scanner keeps parsed files by content hash, under state_dir. */
  public static final String PARSE_CACHE = "parse-cache";

  /**
   * What to analyse; {@code from}/{@code to} are the command-line overrides when given; {@code
   * apiDiff} compares the two versions' APIs (null: no diff, and the report says nothing of one).
   */
  public record Request(
      Path repoRoot,
      AutoUpdateConfig config,
      ReleaseSource notes,
      Optional<Version> from,
      Optional<Version> to,
      Optional<TestOutcome> tests,
      ApiDiffSource apiDiff) {

    /** A request without an API diff: the release notes alone. */
    public Request(
        Path repoRoot,
        AutoUpdateConfig config,
        ReleaseSource notes,
        Optional<Version> from,
        Optional<Version> to,
        Optional<TestOutcome> tests) {
      this(repoRoot, config, notes, from, to, tests, null);
    }
  }

  /**
   * The versions compared and, when the target is newer, the report and the terms of its score (for
   * {@code --verbose}).
   */
  public record Outcome(
      Version current,
      String currentOrigin,
      Version target,
      Optional<ImpactReport> report,
      List<String> scoreTerms) {
    public Outcome {
      scoreTerms = List.copyOf(scoreTerms);
    }

    public boolean updateAvailable() {
      return report.isPresent();
    }
  }

  private final CodeScanner scanner;
  private final ImpactMatcher matcher;
  private final ChangeSelector selector;
  private final Clock clock;
  private final boolean parseCache;

  public ImpactAnalyzer(
      CodeScanner scanner, ImpactMatcher matcher, ChangeSelector selector, Clock clock) {
    this(scanner, matcher, selector, clock, true);
  }

  private ImpactAnalyzer(
      CodeScanner scanner,
      ImpactMatcher matcher,
      ChangeSelector selector,
      Clock clock,
      boolean parseCache) {
    this.scanner = scanner;
    this.matcher = matcher;
    this.selector = selector;
    this.clock = clock;
    this.parseCache = parseCache;
  }

  /** The same analyzer writing nothing under state_dir (for dry runs): every file is parsed. */
  public ImpactAnalyzer withoutParseCache() {
    return new ImpactAnalyzer(scanner, matcher, selector, clock, false);
  }

  /** The analyzer {@code check} and the run cycle share: the real scanner, matcher and parser. */
  public static ImpactAnalyzer standard(Clock clock) {
    return new ImpactAnalyzer(
        new CodeScanner(), new ImpactMatcher(), new ChangeSelector(new NotesParser()), clock);
  }

  public Outcome analyze(Request req) {
    AutoUpdateConfig cfg = req.config();
    List<Release> releases = req.notes().releases();
    Version current;
    String origin;
    String source;
    ApiDiffSource api = req.apiDiff();
    if (req.from().isPresent()) {
      current = req.from().get();
      origin = "from --from";
      source = "--from";
    } else {
      CurrentVersion cv = Pins.current(req.repoRoot(), cfg).orElseThrow(() -> noPin(req));
      current = cv.version();
      origin = cv.origin();
      source = cv.source();
      if (api != null) {
        // A git pin's version is that commit's code: its model comes from there, not the wheel.
        api = api.atCommit(current, cv.commit());
      }
    }
    Version target = req.to().orElseGet(() -> newestFor(releases, cfg, req.notes()));
    ReleaseRange range = new ReleaseRange(current, target);
    if (range.isEmpty()) {
      return new Outcome(current, origin, target, Optional.empty(), List.of());
    }
    boolean pastNotes = ChangeSelector.pastNotes(releases, target);
    ApiDiffSource.Found diff = null;
    List<BreakingChange> changes;
    try {
      // Every scope, so the report lists the Rust-only changes too (they simply reach no site).
      changes = selector.select(releases, range, false);
    } catch (UserError unknown) {
      // A target the notes do not reach yet (2.0.0rc7 with notes up to 1.231.0) is checked when
      // the API diff can tell its breaks; without one nothing could, and the error stands.
      if (!pastNotes || api == null) {
        throw unknown;
      }
      diff = api.diffQuietly(cfg.packageName(), current, target);
      if (!diff.available()) {
        throw new UserError(
            unknown.getMessage() + ", and no API diff can tell its breaks: " + diff.unavailable());
      }
      changes = selector.select(releases, range, false, true);
    }
    int noteCount = changes.size();
    Path stateDir = req.repoRoot().resolve(cfg.stateDir());
    // A dry run writes nothing anywhere, not even the parse cache.
    Path cache = cfg.dryRun() || !parseCache ? null : stateDir.resolve(PARSE_CACHE);
    if (diff == null && api != null) {
      diff = api.diff(cfg.packageName(), current, target);
    }
    ApiEvidence.Findings findings =
        diff == null ? null : ApiEvidence.findings(diff, noteItems(releases, range));
    // With no diff because the version we are on left every index, the target's model alone
    // judges: every use of the package is checked on it, so the scan reads every file. The diff
    // says so itself, so no version's sources are asked twice.
    Optional<ApiModel> targetOnly =
        findings == null ? Optional.empty() : findings.diff().targetOnly();
    // The scan reads the files that the notes' or the diff's identifiers can reach, and the
    // keywords whose declared type changed (the models are read for those when there is a diff:
    // each is a few MB of JSON).
    // The changes that can reach only a keyword argument make a file interesting only where their
    // word is written as one: a common word ("result", "count") is mostly a local name elsewhere.
    List<BreakingChange> wanted = new ArrayList<>(changes);
    List<BreakingChange> keywordOnly = new ArrayList<>();
    Optional<ApiModel> oldModel = Optional.empty();
    Optional<ApiModel> newModel = Optional.empty();
    if (findings != null) {
      List<BreakingChange> matchable = findings.matchable();
      for (int i = 0; i < matchable.size(); i++) {
        (findings.keywordOnly(i, cfg.packageName()) ? keywordOnly : wanted).add(matchable.get(i));
      }
      if (findings.diff().available()) {
        oldModel = api.model(cfg.packageName(), current);
        newModel = oldModel.isEmpty() ? oldModel : api.model(cfg.packageName(), target);
        if (oldModel.isPresent() && newModel.isPresent()) {
          // FieldTypes judges only the keywords passed at calls.
          keywordOnly.addAll(FieldTypes.interest(oldModel.get(), newModel.get()));
        }
      }
    }
    CodeBase code =
        scanner.scan(
            req.repoRoot(),
            ScanScope.of(cfg),
            cfg.packageName(),
            cache,
            targetOnly.isPresent()
                ? Interest.ALL
                : ImpactMatcher.interest(wanted, keywordOnly, cfg.packageName()),
            cfg.maxSourceFileMb() * 1024L * 1024L);
    ImpactMatcher.MatchResult found = matcher.match(changes, code);
    // Review items index note changes, which the diff's merge keeps in place.
    List<Review> reviews = found.reviews();
    ApiDiffSummary apiDiff = null;
    if (findings != null) {
      int noteChanges = changes.size();
      ApiEvidence.Merged merged =
          ApiEvidence.merge(
              changes,
              found,
              findings,
              code,
              matcher,
              oldModel.orElse(null),
              newModel.orElse(null));
      changes = merged.changes();
      found = merged.found();
      apiDiff = merged.summary();
      boolean noteSites =
          found.affectedFiles().stream()
              .flatMap(f -> f.sites().stream())
              .anyMatch(s -> s.change() < noteChanges);
      if (targetOnly.isPresent()) {
        // The version we are on is on no index any more: the target alone still proves a use
        // that fails there, and shows which note sites do not fail.
        ModelJudge.Judged judged =
            ModelJudge.judgeOnTarget(found, noteChanges, code, targetOnly.get());
        reviews = ScopedReviews.add(reviews, judged.cleared(), found, changes, true);
        TargetCheck.Result checked =
            TargetCheck.check(judged.found(), changes, code, targetOnly.get());
        found = checked.found();
        changes = checked.changes();
        apiDiff = apiDiff.withTargetModel(target.toString(), judged.cleared());
      } else if (noteSites || FieldTypes.wanted(code)) {
        // The models of both versions veto note sites that resolve the same on each and prove
        // keywords whose declared type changed.
        var old = oldModel.isPresent() ? oldModel : api.model(cfg.packageName(), current);
        var neu =
            old.isEmpty() || newModel.isPresent() ? newModel : api.model(cfg.packageName(), target);
        if (old.isPresent() && neu.isPresent()) {
          ModelJudge.Judged judged =
              ModelJudge.judge(found, noteChanges, code, old.get(), neu.get());
          reviews = ScopedReviews.add(reviews, judged.cleared(), found, changes);
          found = judged.found();
          apiDiff = apiDiff.withCleared(judged.cleared());
          FieldTypes.Judged typed =
              FieldTypes.judge(changes, found, reviews, code, old.get(), neu.get());
          changes = typed.changes();
          found = typed.found();
          reviews = typed.reviews();
        }
      }
      if (pastNotes && apiDiff.used()) {
        apiDiff = apiDiff.withNotesEnd(ChangeSelector.newest(releases).toString());
      }
    }
    // A line a model proved broken is a break, not also a type note's thing to review.
    reviews = ScopedReviews.withoutSites(reviews, found, changes);
    // A section of from's own cycle lists changes from already in it: its notes alone are review.
    PartialNotes.Split partial = PartialNotes.split(found, noteCount, changes, range);
    found = partial.found();
    if (!partial.reviews().isEmpty()) {
      reviews = new ArrayList<>(reviews);
      reviews.addAll(partial.reviews());
    }

    Decision.Outcome decision =
        Decision.decide(
            changes,
            found.affectedFiles(),
            found.actions(),
            reviews.size(),
            new Decision.Context(
                releaseAgeDays(releases, target),
                req.tests(),
                PersonActions.requiresPython(req.repoRoot().resolve(cfg.pyprojectPath())),
                Optional.empty(),
                cfg.autoMergeThreshold(),
                cfg.delayedMergeThreshold()));
    List<Release> inRange = releases.stream().filter(r -> range.includes(r.version())).toList();
    List<FailClosed.Cap> caps =
        FailClosed.caps(
            new FailClosed.Gaps(
                cfg.packageName(),
                code.unread(),
                inRange.stream().flatMap(r -> r.gaps().stream()).toList(),
                inRange.stream().anyMatch(Release::saysWhatBreaks),
                apiDiff));
    Recommendation recommendation = FailClosed.apply(decision.recommendation(), caps);
    // A person must look: nothing happens without one.
    boolean canAuto =
        decision.canAutoUpdate() && recommendation.compareTo(Recommendation.MANUAL) < 0;
    List<Action> actions = new ArrayList<>(found.actions());
    Set<Integer> explained =
        actions.stream().map(Action::change).filter(c -> c != null).collect(Collectors.toSet());
    for (Action blocker : decision.blockers()) {
      // The matcher already words platform changes as actions; add only what it did not say.
      if (blocker.change() == null || !explained.contains(blocker.change())) {
        actions.add(blocker);
      }
    }
    ImpactReport report =
        new ImpactReport(
            target,
            current,
            changes,
            found.affectedFiles(),
            distinctLines(found.affectedFiles()),
            decision.score().value(),
            decision.score().level(),
            canAuto,
            recommendation,
            actions,
            clock.instant(),
            apiDiff,
            source,
            code.unread(),
            caps.stream().map(FailClosed.Cap::line).toList(),
            reviews);
    return new Outcome(current, origin, target, Optional.of(report), decision.score().terms());
  }

  /** The bullets of the releases in the range, breaking-change sections first, for linking. */
  private static List<NoteItem> noteItems(List<Release> releases, ReleaseRange range) {
    List<Release> chosen = releases.stream().filter(r -> range.includes(r.version())).toList();
    List<NoteItem> out = new ArrayList<>();
    chosen.forEach(r -> out.addAll(r.items(NotesSection::isBreaking)));
    chosen.forEach(r -> out.addAll(r.items(s -> !s.isBreaking())));
    return out;
  }

  /** The newest released (dated) version that the channel follows. */
  static Version newestFor(List<Release> releases, AutoUpdateConfig cfg, ReleaseSource source) {
    return releases.stream()
        .filter(r -> !r.isUnreleased())
        .map(Release::version)
        .filter(v -> cfg.channel().accepts(v))
        .max(Comparator.naturalOrder())
        .orElseThrow(
            () ->
                new UserError(
                    source.describe()
                        + ": no released version for the "
                        + cfg.channel().id()
                        + " channel (expected a release section with a date); pass --to V"));
  }

  /** Days since the target (for a pre-release: its base release) came out, when the notes say. */
  Optional<Long> releaseAgeDays(List<Release> releases, Version target) {
    Version notesVersion = new ReleaseRange(target, target).upperNotesVersion();
    LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
    return releases.stream()
        .filter(r -> r.version().equals(notesVersion))
        .findFirst()
        .flatMap(Release::date)
        .map(d -> ChronoUnit.DAYS.between(d, today));
  }

  static int distinctLines(List<AffectedFile> files) {
    return (int)
        files.stream()
            .flatMap(f -> f.sites().stream().map(s -> f.path() + "#" + s.cell() + ":" + s.line()))
            .distinct()
            .count();
  }

  private static UserError noPin(Request req) {
    AutoUpdateConfig cfg = req.config();
    List<nautilus.autoupdate.deps.GitPin> git = Pins.gitPins(req.repoRoot(), cfg);
    if (!git.isEmpty()) {
      nautilus.autoupdate.deps.GitPin g = git.get(0);
      return new UserError(
          cfg.packageName()
              + " is a "
              + g.source()
              + " ("
              + g.location()
              + "), which names no version, and no environment (.venv, venv) has it installed;"
              + " install it there or pass --from V");
    }
    return new UserError(
        "cannot find the "
            + cfg.packageName()
            + " version in "
            + req.repoRoot().resolve(cfg.pyprojectPath())
            + ", uv.lock, requirements*.txt or an installed .venv (expected e.g. '"
            + cfg.packageName()
            + "==1.220.0'); pass --from V");
  }
}
