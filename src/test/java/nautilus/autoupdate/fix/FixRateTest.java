package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import nautilus.autoupdate.impact.Certainty;
import nautilus.autoupdate.impact.Site;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Prints, over the golden cases, the share of auto-fixable sites fixed with the expected text
 * (target 100 %) and the share of all sites fixed. A site counts as fixed with the expected text
 * when it is reported fixed and its file comes out equal to the golden after-file.
 */
class FixRateTest {
  @Test
  void printsTheShareOfSitesFixed(@TempDir Path tmp) throws Exception {
    int autoFixable = 0;
    int autoFixedAsExpected = 0;
    int all = 0;
    int fixed = 0;
    for (FixCases.Case c : FixCases.all()) {
      List<Site> sites = FixCases.sites(c, c.before(), l -> l, true);
      Path repo = Files.createTempDirectory(tmp, c.name());
      FixRun run = FixCases.run(repo, c, c.before(), l -> l);
      byte[] after = FixCases.after(run, c.before());
      boolean fileAsExpected = Arrays.equals(after, c.after());
      for (int i = 0; i < sites.size(); i++) {
        Site s = sites.get(i);
        boolean siteFixed = FixCases.wasFixed(run, s);
        all++;
        fixed += siteFixed ? 1 : 0;
        boolean isAutoFixable =
            s.certainty() == Certainty.CERTAIN
                && c.changes().get(s.change()).autoFixable()
                && c.sites().get(i).expectFixed();
        if (isAutoFixable) {
          autoFixable++;
          autoFixedAsExpected += siteFixed && fileAsExpected ? 1 : 0;
        }
      }
    }
    System.out.printf(
        "fix rate: auto-fixable sites fixed with the expected text: %d/%d (%.1f %%); all sites"
            + " fixed: %d/%d (%.1f %%)%n",
        autoFixedAsExpected,
        autoFixable,
        100.0 * autoFixedAsExpected / autoFixable,
        fixed,
        all,
        100.0 * fixed / all);
    assertThat(autoFixable).isGreaterThan(30);
    assertThat(autoFixedAsExpected).isEqualTo(autoFixable);
    assertThat(fixed).isLessThan(all);
  }
}
