package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import nautilus.autoupdate.UserError;
import nautilus.autoupdate.code.CodeScanner;
import nautilus.autoupdate.config.AutoUpdateConfig;
import nautilus.autoupdate.config.Channel;
import nautilus.autoupdate.notes.ChangeSelector;
import nautilus.autoupdate.notes.NotesParser;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

class ImpactAnalyzerTest {
  static final Path NOTES = Path.of("src/test/resources/impact/tbd-only/RELEASES.md");
  static final Clock NOV_11 = Clock.fixed(Instant.parse("2026-11-11T12:00:00Z"), ZoneOffset.UTC);

  final ImpactAnalyzer analyzer =
      new ImpactAnalyzer(
          new CodeScanner(1), new ImpactMatcher(), new ChangeSelector(new NotesParser()), NOV_11);

  @Test
  void theTargetIsTheNewestReleasedVersionNotTheTbdSection() {
    List<Release> releases = new ReleasesMdSource(NOTES).releases();
    Version newest =
        ImpactAnalyzer.newestFor(
            releases, AutoUpdateConfig.defaults(), new ReleasesMdSource(NOTES));
    assertThat(newest).isEqualTo(Version.parse("1.230.0"));
    assertThat(analyzer.releaseAgeDays(releases, newest)).contains(10L);
    // A nightly of the upcoming version has no release date yet.
    assertThat(analyzer.releaseAgeDays(releases, Version.parse("1.231.0a20261110"))).isEmpty();
  }

  @Test
  void noReleasedVersionForTheChannelIsAUserError() {
    List<Release> unreleased =
        new ReleasesMdSource(NOTES).releases().stream().filter(Release::isUnreleased).toList();
    AutoUpdateConfig stable = AutoUpdateConfig.defaults();
    assertThat(stable.channel()).isEqualTo(Channel.STABLE);
    assertThatThrownBy(
            () -> ImpactAnalyzer.newestFor(unreleased, stable, new ReleasesMdSource(NOTES)))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("RELEASES.md: no released version for the stable channel");
  }
}
