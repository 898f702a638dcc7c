package nautilus.autoupdate.impact;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import nautilus.autoupdate.CliRunner;
import nautilus.autoupdate.Json;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiModel.Fit;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.notes.BreakingChange;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Declared types on the real nautilus_trader 1.222.0 and 1.224.0 models (read once from PyPI by
 * range requests into the shared test cache, as {@code RealModelProofE2eTest} does): the Polymarket
 * configs' {@code instrument_config} (new in 1.223.0) wants a {@code
 * PolymarketInstrumentProviderConfig}, which a plain {@code InstrumentProviderConfig} is not; the
 * inherited {@code instrument_provider} keeps its type, so passing one there is no break.
 */
@Tag("e2e")
class RealFieldTypesE2eTest {
  static final Path STATE =
      Path.of(System.getProperty("user.home"), ".cache", "nautilus-autoupdate-test", "api-state");
  static final String PM = "nautilus_trader.adapters.polymarket.PolymarketDataClientConfig";
  static final String IPC = "nautilus_trader.config.InstrumentProviderConfig";
  static final String PIPC =
      "nautilus_trader.adapters.polymarket.providers.PolymarketInstrumentProviderConfig";

  static ApiModel old;
  static ApiModel neu;

  @BeforeAll
  static void realModels() throws Exception {
    Path snapshots = STATE.resolve("api/snapshots");
    if (!current(snapshots.resolve("nautilus_trader-1.222.0.json"))
        || !current(snapshots.resolve("nautilus_trader-1.224.0.json"))) {
      CliRunner.Result r =
          CliRunner.run(
              Path.of("").toAbsolutePath(),
              Map.of(),
              "api-diff",
              "--from",
              "1.222.0",
              "--to",
              "1.224.0",
              "--state-dir",
              STATE.toString(),
              "--no-introspect");
      assertThat(r.exitCode()).as(r.err()).isZero();
    }
    old = read(snapshots.resolve("nautilus_trader-1.222.0.json"));
    neu = read(snapshots.resolve("nautilus_trader-1.224.0.json"));
  }

  private static boolean current(Path file) throws Exception {
    return Files.isRegularFile(file) && read(file).snapshot().format() == ApiSnapshot.FORMAT;
  }

  private static ApiModel read(Path file) throws Exception {
    return ApiModel.of(Json.mapper().readValue(file.toFile(), ApiSnapshot.class));
  }

  @Test
  void thePolymarketInstrumentConfigWantsItsOwnProviderConfig() {
    assertThat(old.declaredType(PM, "instrument_config")).isEmpty();
    String declared = neu.declaredType(PM, "instrument_config").orElseThrow();
    assertThat(neu.canonicalType(declared)).isEqualTo(PIPC + " | None");
    assertThat(neu.fits(IPC, declared)).isEqualTo(Fit.NO);
    assertThat(neu.fits(PIPC, declared)).isEqualTo(Fit.YES);
    // The inherited field is the same on both: an InstrumentProviderConfig still fits it.
    String before = old.declaredType(PM, "instrument_provider").orElseThrow();
    String after = neu.declaredType(PM, "instrument_provider").orElseThrow();
    assertThat(old.canonicalType(before)).isEqualTo(neu.canonicalType(after));
    assertThat(neu.fits(IPC, after)).isEqualTo(Fit.YES);
  }

  @Test
  void theKeywordsWhoseTypeChangedAreFewAndWideningIsNotAChange() {
    List<String> changed = FieldTypes.interest(old, neu).stream().map(c -> c.old().get(0)).toList();
    assertThat(changed)
        .contains("TearsheetConfig.charts")
        .doesNotContain(
            "PolymarketDataClientConfig.instrument_provider",
            // str to str | None only widens: whatever was passed still fits.
            "BinanceSpotUserMsgWrapper.stream");
    assertThat(changed.size()).isLessThan(50);
    assertThat(FieldTypes.interest(old, neu))
        .extracting(BreakingChange::source)
        .containsOnly("api-model");
  }
}
