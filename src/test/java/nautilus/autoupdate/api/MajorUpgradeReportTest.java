package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A v1 → v2 upgrade in small: v1 keeps its classes in submodules (Cython-style {@code .py} here),
 * v2 re-exports everything from a few package-level {@code __init__.pyi} stubs, as the Rust-backed
 * 2.0.0rc7 wheel does. The target is a pre-release the release notes do not reach, so the API diff
 * is the only source of breaks: check accepts it and says so, and groups the diff's one-per-name
 * findings by cause (all names now in one module, a removed module whose names moved there too,
 * names removed with no home, members one class lost), each with its replacement when there is one.
 */
class MajorUpgradeReportTest {
  static final int FILES = 24;

  @TempDir Path tmp;
  DemoRepo demo;

  static Map<String, String> v1() {
    return Map.of(
        "pkg/__init__.py", "",
        "pkg/model/__init__.py", "",
        "pkg/model/data.py", "class Bar:\n    pass\n\n\nclass BarType:\n    pass\n",
        "pkg/model/enums.py", "class OrderSide:\n    BUY = 1\n",
        "pkg/backtest/__init__.py", "",
        "pkg/backtest/engine.py",
            "class BacktestEngine:\n    pass\n\n\nclass BacktestEngineConfig:\n    pass\n",
        "pkg/backtest/models.py",
            "class FillModel:\n    def __init__(self, prob_fill_on_limit=1.0, prob_slippage=0.0):\n"
                + "        self.prob_fill_on_limit = prob_fill_on_limit\n"
                + "        self.prob_slippage = prob_slippage\n\n"
                + "    def fill_limit(self):\n        return True\n\n"
                + "    def slip(self):\n        return False\n",
        "pkg/config.py", "class LoggingConfig:\n    pass\n\n\nclass CacheConfig:\n    pass\n");
  }

  static Map<String, String> v2() {
    return Map.of(
        "pkg/__init__.py", "",
        "pkg/model/__init__.py", "from pkg._lib.model import *  # noqa\n",
        "pkg/model/__init__.pyi",
            "class Bar: ...\nclass BarType: ...\nclass OrderSide:\n    BUY: int\n",
        "pkg/backtest/__init__.py", "from pkg._lib.backtest import *  # noqa\n",
        "pkg/backtest/__init__.pyi",
            "class BacktestEngine: ...\nclass BacktestEngineConfig: ...\n"
                + "class FillModel:\n    def __init__(self) -> None: ...\n",
        "pkg/config/__init__.pyi", "class CacheConfig: ...\n");
  }

  @BeforeEach
  void repoAndWheels() throws Exception {
    demo = DemoRepo.create(tmp.resolve("repo"), "pkg", "1.0.0", "");
    // The notes end at 1.0.0: nothing in them speaks of 2.0.
    demo.releases("1.0.0", "1st May 2026", "### Enhancements\n- First release");
    for (int i = 0; i < FILES; i++) {
      StringBuilder src =
          new StringBuilder(
              "from pkg.model.data import Bar, BarType\nfrom pkg.model.enums import OrderSide\n");
      if (i % 2 == 0) {
        src.append("from pkg.backtest.engine import BacktestEngine\n");
      }
      if (i % 3 == 0) {
        src.append("from pkg.config import LoggingConfig\n");
      }
      if (i % 4 == 0) {
        src.append("import pkg.backtest.engine as eng\n");
      }
      src.append("from pkg.backtest.models import FillModel\n\n\ndef go():\n")
          .append("    m = FillModel()\n    m.fill_limit()\n    return m.slip(), Bar, BarType\n");
      demo.source("s" + i + ".py", src.toString());
    }
    Path wheels = tmp.resolve("wheels");
    demo.cacheWheels(
        Dists.wheel(wheels, "pkg", "1.0.0", v1()), Dists.wheel(wheels, "pkg", "2.0.0rc1", v2()));
  }

  private CliRunner.Result check(String... extra) {
    List<String> args = new ArrayList<>(List.of("--to", "2.0.0rc1"));
    args.addAll(List.of(extra));
    return demo.check(args.toArray(String[]::new));
  }

  private static JsonNode group(JsonNode json, String cause, String subjectInText) {
    for (JsonNode g : json.get("groups")) {
      if (g.get("cause").asText().equals(cause) && g.get("text").asText().contains(subjectInText)) {
        return g;
      }
    }
    return null;
  }

  private static List<String> names(JsonNode g) {
    List<String> out = new ArrayList<>();
    g.path("names").forEach(n -> out.add(n.asText()));
    return out;
  }

  @Test
  void aTargetPastTheNotesIsCheckedFromTheDiffAndTheSitesGroupByCause() throws Exception {
    JsonNode json = DemoRepo.report(check("--offline", "--format", "json"));
    assertThat(json.at("/api_diff/notes_end").asText()).isEqualTo("1.0.0");
    assertThat(json.get("caps").toString()).contains("the release notes end at 1.0.0");

    // Every import of a name now in pkg.model is one cause, whatever submodule it came from.
    JsonNode model = group(json, "moved", "`pkg.model`");
    assertThat(model).as(json.get("groups").toString()).isNotNull();
    assertThat(model.get("replacement").asText()).isEqualTo("pkg.model");
    assertThat(names(model)).containsExactlyInAnyOrder("Bar", "BarType", "OrderSide");
    assertThat(model.get("changes").size()).isEqualTo(3);
    assertThat(model.get("sites").asInt()).isEqualTo(3 * FILES);
    assertThat(model.get("with_fix").asInt()).isEqualTo(3 * FILES);
    assertThat(model.get("text").asText()).contains("pkg.model.data").contains("pkg.model.enums");

    // The removed module and the move of its names are one cause, with one replacement.
    JsonNode backtest = group(json, "moved", "`pkg.backtest`");
    assertThat(backtest).isNotNull();
    assertThat(backtest.get("replacement").asText()).isEqualTo("pkg.backtest");
    assertThat(backtest.get("sites").asInt()).isEqualTo(FILES / 2 + FILES / 4 + FILES);
    assertThat(backtest.get("text").asText()).contains("pkg.backtest.engine");

    // A name no module of v2 has: no replacement, and said so.
    JsonNode gone = group(json, "names_removed", "pkg.config");
    assertThat(gone).isNotNull();
    assertThat(gone.get("replacement").isNull()).isTrue();
    assertThat(names(gone)).containsExactly("LoggingConfig");

    // What one class lost, together.
    JsonNode members = group(json, "members", "FillModel");
    assertThat(members).isNotNull();
    assertThat(names(members)).contains("fill_limit", "slip");

    int grouped = 0;
    int sites = 0;
    for (JsonNode g : json.get("groups")) {
      grouped += g.get("sites").asInt();
    }
    for (JsonNode f : json.get("affected_files")) {
      sites += f.get("sites").size();
    }
    assertThat(grouped).as("no site lost or counted twice").isEqualTo(sites);
    assertThat(json.get("groups").size()).isLessThan(json.at("/api_diff/breaks").asInt());
  }

  @Test
  void theTextReportShowsEachCauseOnceAndSaysTheDiffIsItsOnlySource() throws Exception {
    JsonNode json = Json.mapper().readTree(check("--offline", "--format", "json").out());
    CliRunner.Result r = check("--offline");
    assertThat(r.exitCode()).as(r.err()).isEqualTo(2);
    String out = r.out();
    String head = out.lines().findFirst().orElseThrow();
    assertThat(head)
        .startsWith("nautilus_trader 1.0.0 -> 2.0.0rc1: ")
        .endsWith("[API diff only: the release notes end at 1.0.0]");
    assertThat(out)
        .contains("By cause, biggest first: " + json.get("groups").size() + " breaks at ")
        .contains("0 review items (counted apart)")
        .contains("replacement: pkg.model")
        .contains("… and " + (FILES - 10) + " more files, see the JSON report");
    // Past the notes every break is the diff's: no second list of them.
    assertThat(out).doesNotContain("Breaks not in the release notes");
    for (JsonNode g : json.get("groups")) {
      String line = g.get("sites").asInt() + " sites in " + g.get("files").asInt() + " file";
      assertThat(out).contains(line);
    }
    assertThat(
            out.lines().filter(l -> l.contains("Moved to `pkg.model` (from `pkg.model.")).count())
        .as("each cause once")
        .isEqualTo(1);
  }

  @Test
  void withoutAnApiDiffATargetPastTheNotesIsStillAnError() {
    CliRunner.Result r = check("--offline", "--no-api-diff");
    assertThat(r.exitCode()).isEqualTo(1);
    assertThat(r.err())
        .contains("unknown version 2.0.0rc1 (--to): the release notes cover 1.0.0 to 1.0.0")
        .doesNotContain("Exception");
  }
}
