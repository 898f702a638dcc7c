package nautilus.autoupdate.notes;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.release.NoteItem;
import nautilus.autoupdate.release.Release;
import nautilus.autoupdate.release.ReleasesMdSource;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;

/** Which notes make a parameter required, read from the shared RELEASES.md and a few variants. */
class RequiredParameterTest {
  final NotesParser parser = new NotesParser();

  @Test
  void ofEveryBreakingChangeInTheNotesOnlyTheRequiredStartLineQualifies() {
    List<Release> releases =
        new ReleasesMdSource(CliRunner.shared().resolve("data/nautilus/RELEASES.md")).releases();
    Map<String, RequiredParameter> found =
        releases.stream()
            .flatMap(r -> parser.parse(r).stream())
            .filter(c -> RequiredParameter.of(c).isPresent())
            .collect(Collectors.toMap(BreakingChange::text, c -> RequiredParameter.of(c).get()));
    // "`BacktestEngine` now required venues to be added" says "required" but names no parameter.
    assertThat(found)
        .containsExactly(
            Map.entry(
                "Changed `start` parameter to required for `Actor` data request methods",
                new RequiredParameter("Actor", "request_*", "start")));
  }

  private Optional<RequiredParameter> read(String line) {
    return RequiredParameter.of(
        parser.parseItem(Version.parse("1.300.0"), new NoteItem(line, null, 1), "releases-md"));
  }

  @Test
  void aNamedMethodOrConstructorIsExactAndNegationsDoNotCount() {
    RequiredParameter method =
        read("Changed `ts_init` parameter to required for `Cache.add_bar`").orElseThrow();
    assertThat(method.owner()).isEqualTo("Cache");
    assertThat(method.param()).isEqualTo("ts_init");
    assertThat(method.exactMethod()).isTrue();
    assertThat(method.namesCallee("add_bar")).isTrue();
    assertThat(method.namesCallee("add_bars")).isFalse();

    RequiredParameter ctor =
        read("Changed `venue` parameter to required for `BacktestVenueConfig`").orElseThrow();
    assertThat(ctor.methods()).isNull();
    assertThat(ctor.namesCallee("BacktestVenueConfig")).isTrue();
    assertThat(ctor.exactMethod()).isFalse();

    RequiredParameter family =
        read("Changed `start` parameter to required for `Actor` data request methods")
            .orElseThrow();
    assertThat(family.namesCallee("request_bars")).isTrue();
    assertThat(family.namesCallee("subscribe_bars")).isFalse();

    assertThat(read("Changed `start` parameter to no longer required for `Actor` methods"))
        .isEmpty();
    assertThat(read("Removed `managed` parameter for `Actor.subscribe_book_at_interval`"))
        .isEmpty();
  }
}
