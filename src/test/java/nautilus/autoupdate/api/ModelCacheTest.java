package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelCacheTest {
  @TempDir Path tmp;

  @Test
  void theFolderIsSharedUnlessConfiguredAndTestsWithoutHomeStayInTheStateDir() {
    Path state = tmp.resolve("state");
    assertThat(ModelCache.locate("models", Map.of("HOME", "/h"), state))
        .isEqualTo(state.resolve("models"));
    assertThat(ModelCache.locate("/abs/m", Map.of(), state)).isEqualTo(Path.of("/abs/m"));
    assertThat(ModelCache.locate(null, Map.of("XDG_CACHE_HOME", "/x", "HOME", "/h"), state))
        .isEqualTo(Path.of("/x/nautilus-autoupdate/models"));
    // A relative XDG_CACHE_HOME is invalid by the spec and ignored.
    assertThat(ModelCache.locate(null, Map.of("XDG_CACHE_HOME", "rel", "HOME", "/h"), state))
        .isEqualTo(Path.of("/h/.cache/nautilus-autoupdate/models"));
    assertThat(ModelCache.locate("", Map.of(), state)).isEqualTo(state.resolve("api/snapshots"));
  }

  @Test
  void writesAreAtomicAndADamagedEntryIsIgnoredWithAWarning() throws Exception {
    List<String> log = new ArrayList<>();
    ModelCache cache = new ModelCache(tmp.resolve("m"), log::add);
    Version v = Version.parse("1.221.0");
    assertThat(cache.cached("nautilus_trader", v)).isEmpty();
    cache.write(cache.file("nautilus_trader", v, ""), TestModels.snapshot("1.221.0"));
    try (var files = Files.list(tmp.resolve("m"))) {
      assertThat(files.map(p -> p.getFileName().toString()))
          .containsExactly("nautilus_trader-1.221.0.json");
    }
    // A fresh reader (another repository's run) sees the same model.
    ModelCache other = new ModelCache(tmp.resolve("m"), log::add);
    assertThat(
            other
                .cached("nautilus_trader", v)
                .orElseThrow()
                .importName("nautilus_trader.config", "InstrumentProviderConfig"))
        .isInstanceOf(ApiModel.Found.class);
    Files.writeString(other.file("nautilus_trader", Version.parse("1.220.0"), ""), "{broken");
    // A read ahead of the damaged file says nothing; the read proper says it once.
    other.prefetch(other.file("nautilus_trader", Version.parse("1.220.0"), ""));
    assertThat(log).isEmpty();
    assertThat(other.cached("nautilus_trader", Version.parse("1.220.0"))).isEmpty();
    assertThat(log)
        .singleElement()
        .asString()
        .startsWith("warning: ignoring unreadable cached snapshot");
    // A read ahead of a sound one is what the next read answers, without reading the file again.
    ModelCache third = new ModelCache(tmp.resolve("m"), log::add);
    Path sound = third.file("nautilus_trader", v, "");
    third.prefetch(sound);
    Files.writeString(sound, "{broken");
    assertThat(third.cached("nautilus_trader", v)).isPresent();
  }

  @Test
  void aModelReadBackIsTheModelWrittenEvenAFunctionWithNoParameters() throws Exception {
    Map<String, String> files =
        Map.of(
            "nautilus_trader/__init__.py", "",
            "nautilus_trader/clock.py",
                "def utc_now():\n    pass\n\n\ndef at(ts, tz=None):\n    pass\n\n\nclass Empty:\n    pass\n");
    ApiSnapshot written =
        new SnapshotBuilder("nautilus_trader")
            .build(
                "1.0.0",
                new DistContents("test", List.copyOf(files.keySet()), files),
                List.of("test"));
    ModelCache cache = new ModelCache(tmp.resolve("m"), m -> {});
    Version v = Version.parse("1.0.0");
    cache.write(cache.file("nautilus_trader", v, ""), written);

    ApiSnapshot read =
        new ModelCache(tmp.resolve("m"), m -> {})
            .read(cache.file("nautilus_trader", v, ""))
            .orElseThrow();
    assertThat(read).isEqualTo(written);
    // A signature with no parameters is known: a keyword passed to it fails, as on a cold run.
    assertThat(ApiModel.of(read).keyword("nautilus_trader.clock.utc_now", "tz"))
        .isInstanceOf(ApiModel.Missing.class);
  }
}
