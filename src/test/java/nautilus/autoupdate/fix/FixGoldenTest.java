package nautilus.autoupdate.fix;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import nautilus.autoupdate.impact.Site;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** Every golden case: before -> after byte for byte, each site as expected, idempotent. */
class FixGoldenTest {
  static Stream<FixCases.Case> cases() {
    return FixCases.all().stream();
  }

  static Stream<FixCases.Case> lfPythonCases() {
    return cases()
        .filter(
            c -> c.isPython() && !new String(c.before(), StandardCharsets.UTF_8).contains("\r"));
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("cases")
  void fixesTheBeforeFileIntoTheAfterFile(FixCases.Case c, @TempDir Path tmp) throws Exception {
    List<Site> sites = FixCases.sites(c, c.before(), l -> l, true);
    FixRun run = FixCases.run(tmp, c, c.before(), l -> l);

    byte[] after = FixCases.after(run, c.before());
    assertThat(new String(after, StandardCharsets.UTF_8))
        .as(c.name() + " skipped: " + run.result().skipped())
        .isEqualTo(new String(c.after(), StandardCharsets.UTF_8));
    assertThat(after).isEqualTo(c.after());

    for (int i = 0; i < sites.size(); i++) {
      Site s = sites.get(i);
      boolean fixed = FixCases.wasFixed(run, s);
      assertThat(fixed)
          .as(
              c.name()
                  + " site "
                  + i
                  + " (line "
                  + s.line()
                  + "), skipped: "
                  + run.result().skipped())
          .isEqualTo(c.sites().get(i).expectFixed());
    }
    assertThat(run.result().filesChanged())
        .isEqualTo(java.util.Arrays.equals(c.before(), c.after()) ? 0 : 1);
    assertThat(run.result().applied().size() + run.result().skipped().size())
        .isEqualTo(sites.size());

    // Idempotent: the same sites on the fixed file change nothing more.
    Path again = Files.createTempDirectory(tmp, "again");
    FixRun second =
        new FixEngine(PlannerOnly.ACCEPT_ALL)
            .plan(
                FixCases.repoWith(again, c, c.after()),
                FixCases.report(
                    c.changes(), c.file(), FixCases.sites(c, c.after(), l -> l, false)));
    assertThat(second.changes()).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("lfPythonCases")
  void aCrlfCopyStaysCrlf(FixCases.Case c, @TempDir Path tmp) throws Exception {
    byte[] before = crlf(c.before());
    byte[] after = FixCases.after(FixCases.run(tmp, c, before, l -> l), before);
    assertThat(new String(after, StandardCharsets.UTF_8))
        .isEqualTo(new String(crlf(c.after()), StandardCharsets.UTF_8));
  }

  static byte[] crlf(byte[] lf) {
    return new String(lf, StandardCharsets.UTF_8)
        .replace("\n", "\r\n")
        .getBytes(StandardCharsets.UTF_8);
  }
}
