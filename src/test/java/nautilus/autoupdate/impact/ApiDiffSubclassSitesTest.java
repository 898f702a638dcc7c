package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import nautilus.autoupdate.GitRepos;
import nautilus.autoupdate.api.ApiDiff;
import nautilus.autoupdate.api.ApiDiffSource;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.api.DistContents;
import nautilus.autoupdate.api.SnapshotBuilder;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A diff finding on a base class reaches an override through a subclass only when the subclass does
 * not define the method itself: after the real 1.222.0 -> 1.231.0 wheels, where {@code
 * Actor.on_order_filled} went and {@code Strategy} kept its own (Titan-Oanda-Enhanced's override on
 * a {@code Strategy} subclass was a certain site before). Here {@code Actor} also loses {@code
 * on_order_canceled}, which {@code Strategy} only inherits: that override stays a break.
 */
class ApiDiffSubclassSitesTest {
  static final String FROM = "1.222.0";
  static final String TO = "1.223.0";
  static final String CODE =
      """
      from nautilus_trader.trading.strategy import Strategy


      class MyStrategy(Strategy):
          def on_order_filled(self, event):
              pass

          def on_order_canceled(self, event):
              pass
      """;

  @TempDir Path repo;

  private static ApiSnapshot snapshot(String version) {
    boolean old = version.equals(FROM);
    Map<String, String> f = new TreeMap<>();
    f.put("nautilus_trader/__init__.py", "");
    f.put("nautilus_trader/common/__init__.py", "");
    f.put(
        "nautilus_trader/common/actor.py",
        "class Actor:\n    def on_start(self):\n        pass\n"
            + (old
                ? "    def on_order_filled(self, event):\n        pass\n"
                    + "    def on_order_canceled(self, event):\n        pass\n"
                : ""));
    f.put("nautilus_trader/trading/__init__.py", "");
    f.put(
        "nautilus_trader/trading/strategy.py",
        """
        from nautilus_trader.common.actor import Actor


        class Strategy(Actor):
            def on_order_filled(self, event):
                pass
        """);
    return new SnapshotBuilder("nautilus_trader")
        .build(version, new DistContents("test", List.copyOf(f.keySet()), f), List.of("test"));
  }

  private ImpactReport check() {
    ApiDiffSource diff =
        new ApiDiffSource() {
          @Override
          public Found diff(String packageName, Version from, Version to) {
            return new Found(
                ApiDiff.diff(snapshot(from.toString()), snapshot(to.toString())), List.of(), null);
          }

          @Override
          public Optional<ApiModel> model(String packageName, Version version) {
            return Optional.of(ApiModel.of(snapshot(version.toString())));
          }
        };
    GitRepos.write(repo.resolve("strategy/mine.py"), CODE);
    ImpactAnalyzer.Request req =
        new ImpactAnalyzer.Request(
            repo,
            AutoUpdateConfig.defaults(),
            new ReleasesMdSource(ApiDiffOwnerSitesTest.RELEASES),
            Optional.of(Version.parse(FROM)),
            Optional.of(Version.parse(TO)),
            Optional.empty(),
            diff);
    return ImpactAnalyzer.standard(ApiDiffOwnerSitesTest.CLOCK)
        .withoutParseCache()
        .analyze(req)
        .report()
        .orElseThrow();
  }

  @Test
  void anOverrideTheSubclassStillDefinesIsNoSiteOneItOnlyInheritedIs() {
    ImpactReport r = check();
    List<String> sites =
        r.affectedFiles().stream()
            .flatMap(f -> f.sites().stream())
            .filter(s -> "api-diff".equals(r.breakingChanges().get(s.change()).source()))
            .map(s -> s.line() + " " + s.certainty())
            .distinct()
            .toList();
    // 8 overrides on_order_canceled, which Strategy no longer has; 5 on_order_filled, which it has.
    assertThat(sites).containsExactly("8 " + Certainty.CERTAIN);
  }
}
