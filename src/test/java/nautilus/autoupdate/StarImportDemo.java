package nautilus.autoupdate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * The demo with one import the fixer cannot rewrite: a star import of the removed {@code
 * nautilus_trader.analysis.statistics.win_rate}, left for the (fake) agent to edit. Shared by the
 * dispatch tests, fast and end to end.
 */
public final class StarImportDemo {
  public static final String BRANCH = "update/v1.221.0";
  public static final String PERFORMANCE = "demo/analysis/performance.py";
  public static final String STAR = "from nautilus_trader.analysis.statistics.win_rate import *";
  public static final String FIXED = "from nautilus_trader.analysis import WinRate";

  /** The fake agent: a Python script driven by a scenario file. */
  public static final Path FAKE_AGENT =
      Path.of("src/test/resources/agent/fake_agent.py").toAbsolutePath();

  private StarImportDemo() {}

  /** Copies the demo to {@code tree} with the star import planted and returns {@code tree}. */
  public static Path copyTo(Path tree) throws IOException {
    GitRepos.copyTree(Examples.DIR.resolve("demo-strategy"), tree);
    Path perf = tree.resolve(PERFORMANCE);
    Files.writeString(
        perf,
        Files.readString(perf)
            .replace("from nautilus_trader.analysis.statistics.win_rate import WinRate", STAR));
    return tree;
  }

  /** One edit of the fake agent's scenario: {@code old} replaced by {@code now} in {@code path}. */
  public static Map<String, Object> edit(String path, String old, String now) {
    return Map.of("path", path, "old", old, "new", now);
  }
}
