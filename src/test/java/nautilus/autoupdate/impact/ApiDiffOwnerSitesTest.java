package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.SameNameTrees;
import nautilus.autoupdate.api.ApiDiff;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.report.JsonSchemaCheck;
import nautilus.autoupdate.report.ReportFile;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diff finding reaches only uses of its own class, on trees with a Cython and a PyO3 class of one
 * name ({@link SameNameTrees}, after the real 1.222.0 -> 1.223.0 wheels, where the PyO3 {@code
 * OrderBookDeltas.from_dict} went and the Cython one stayed; checked on them, the Cython call was a
 * certain site before). The notes are the shared RELEASES.md's.
 */
class ApiDiffOwnerSitesTest {
  static final Path RELEASES = CliRunner.shared().resolve("data/nautilus/RELEASES.md");
  static final Clock CLOCK = Clock.fixed(Instant.parse("2026-11-11T12:00:00Z"), ZoneOffset.UTC);
  static final String CODE =
      """
      from nautilus_trader.core import nautilus_pyo3
      from nautilus_trader.model import BarType
      from nautilus_trader.model import OrderBookDeltas


      def cython_deltas(values: dict):
          return OrderBookDeltas.from_dict(values)


      def pyo3_deltas(values: dict):
          return nautilus_pyo3.OrderBookDeltas.from_dict(values)


      def cython_spec(bar_type: BarType):
          return bar_type.spec


      def pyo3_spec(bar_type: nautilus_pyo3.BarType):
          return bar_type.spec


      PYO3_SPEC = nautilus_pyo3.BarType.spec
      """;

  @TempDir Path repo;

  private static ApiDiffSource diff(boolean models) {
    return new ApiDiffSource() {
      @Override
      public Found diff(String packageName, Version from, Version to) {
        return new Found(
            ApiDiff.diff(
                SameNameTrees.snapshot(from.toString()), SameNameTrees.snapshot(to.toString())),
            List.of(),
            null);
      }

      @Override
      public Optional<ApiModel> model(String packageName, Version version) {
        return models ? Optional.of(SameNameTrees.model(version.toString())) : Optional.empty();
      }
    };
  }

  private ImpactReport check(ApiDiffSource diff) {
    GitRepos.write(repo.resolve("strategy/uses.py"), CODE);
    ImpactAnalyzer.Request req =
        new ImpactAnalyzer.Request(
            repo,
            AutoUpdateConfig.defaults(),
            new ReleasesMdSource(RELEASES),
            Optional.of(Version.parse(SameNameTrees.FROM)),
            Optional.of(Version.parse(SameNameTrees.TO)),
            Optional.empty(),
            diff);
    return ImpactAnalyzer.standard(CLOCK).withoutParseCache().analyze(req).report().orElseThrow();
  }

  /** The lines the diff's findings reach, each with the owner of its finding. */
  private static List<String> diffSites(ImpactReport r) {
    return r.affectedFiles().stream()
        .flatMap(f -> f.sites().stream())
        .filter(s -> "api-diff".equals(r.breakingChanges().get(s.change()).source()))
        .map(s -> s.line() + " " + r.breakingChanges().get(s.change()).owner())
        .distinct()
        .toList();
  }

  @Test
  void aFindingReachesUsesOfItsOwnClassOnlyThroughReExportsToo() {
    ImpactReport r = check(diff(true));
    // 7, 19 and 22 use the class of that name that did not change.
    assertThat(diffSites(r))
        .containsExactlyInAnyOrder(
            "11 nautilus_trader.core.nautilus_pyo3.OrderBookDeltas",
            "15 nautilus_trader.model.data.BarType");
  }

  @Test
  void withoutTheOldModelNoSiteIsDroppedOnTheShortNameAlone() {
    // No model to resolve the uses with: the matcher's reading stands (every same-named use).
    assertThat(diffSites(check(diff(false)))).extracting(s -> s.split(" ")[0]).contains("7", "11");
  }

  @Test
  void theReportsJsonCarriesTheOwnerAndGroupsByIt() throws Exception {
    ImpactReport r = check(diff(true));
    JsonNode json = Json.mapper().valueToTree(r);
    JsonNode schema =
        Json.mapper().readTree(Files.readString(Path.of("docs/impact-report.schema.json")));
    assertThat(new JsonSchemaCheck(schema).violations(json)).isEmpty();
    assertThat(json.path("breaking_changes").findValuesAsText("owner"))
        .contains("nautilus_trader.core.nautilus_pyo3.OrderBookDeltas");
    // A note's change has no owner, and its JSON no field for one.
    assertThat(r.breakingChanges())
        .filteredOn(c -> !"api-diff".equals(c.source()))
        .extracting(BreakingChange::owner)
        .containsOnlyNulls();
    assertThat(r.groups())
        .filteredOn(g -> g.cause().equals("members"))
        .extracting(SiteGroup::text)
        .anyMatch(t -> t.startsWith("`nautilus_trader.core.nautilus_pyo3.OrderBookDeltas`: "));
    // The report reads back with its owners (fix and run read it from state_dir).
    Path file = ReportFile.write(repo.resolve(".state"), r);
    assertThat(ReportFile.readFile(file).breakingChanges()).isEqualTo(r.breakingChanges());
  }
}
