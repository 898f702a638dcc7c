package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import nautilus.autoupdate.FieldTypeTrees;
import nautilus.autoupdate.api.ApiModel.Fit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Declared types in the model: a config struct's fields (pure-Python msgspec structs) and annotated
 * parameters keep their annotation, normalised and qualified through the module's imports, and the
 * model says whether a value of a class fits them.
 */
class FieldTypesModelTest {
  static final String PM = "nautilus_trader.adapters.polymarket.PolymarketDataClientConfig";
  static final String IPC = "nautilus_trader.config.InstrumentProviderConfig";
  static final String PIPC =
      "nautilus_trader.adapters.polymarket.providers.PolymarketInstrumentProviderConfig";

  @TempDir Path trees;

  @Test
  void structFieldsKeepTheirTypesQualifiedThroughImportsAndInheritance() {
    ApiModel old = FieldTypeTrees.model(trees, FieldTypeTrees.OLD);
    ApiModel neu = FieldTypeTrees.model(trees, FieldTypeTrees.NEW);
    assertThat(old.declaredType(PM, "instrument_config"))
        .contains("nautilus_trader.config.InstrumentProviderConfig | None");
    // A string annotation naming a class imported relatively reads as that class.
    assertThat(neu.declaredType(PM, "instrument_config")).contains(PIPC + " | None");
    // Inherited fields carry the type their own module declared.
    assertThat(neu.declaredType(PM, "instrument_provider"))
        .contains("nautilus_trader.common.config.InstrumentProviderConfig");
    assertThat(neu.declaredType(PM, "private_key")).contains("str | None");
    assertThat(neu.declaredType(PM, "no_such_field")).isEmpty();
    // Two spellings of one class compare equal once canonical.
    assertThat(old.canonicalType(old.declaredType(PM, "instrument_config").orElseThrow()))
        .isEqualTo("nautilus_trader.common.config.InstrumentProviderConfig | None");
  }

  @Test
  void aValueFitsItsOwnClassAndItsSubclassesOnly() {
    ApiModel neu = FieldTypeTrees.model(trees, FieldTypeTrees.NEW);
    String declared = neu.declaredType(PM, "instrument_config").orElseThrow();
    assertThat(neu.fits(IPC, declared)).isEqualTo(Fit.NO);
    assertThat(neu.fits(PIPC, declared)).isEqualTo(Fit.YES);
    assertThat(neu.fits("None", declared)).isEqualTo(Fit.YES);
    assertThat(neu.fits("str", declared)).isEqualTo(Fit.NO);
    // A subclass fits where its base is declared.
    assertThat(neu.fits(PIPC, neu.declaredType(PM, "instrument_provider").orElseThrow()))
        .isEqualTo(Fit.YES);
    // A class the model does not hold, or a type it cannot read, is not known to fit or not.
    assertThat(neu.fits("nautilus_trader.nowhere.Thing", declared)).isEqualTo(Fit.UNKNOWN);
    assertThat(neu.fits(IPC, "SomeProtocol")).isEqualTo(Fit.UNKNOWN);
  }

  @Test
  void annotatedParametersKeepTheirTypesAndTheSnapshotFormatChanged() {
    ApiModel neu = FieldTypeTrees.model(trees, FieldTypeTrees.NEW);
    var ps =
        new PythonExtractor()
            .extract(
                "nautilus_trader.x",
                false,
                "nautilus_trader",
                "source",
                """
                from nautilus_trader.config import InstrumentProviderConfig as IPC

                def load(config: "IPC", *, retries: int | None = None, raw=None) -> None:
                    pass
                """);
    var params = ps.names().get("load").params();
    assertThat(params)
        .extracting(ApiSnapshot.Param::type)
        .containsExactly("nautilus_trader.config.InstrumentProviderConfig", "int | None", null);
    assertThat(neu.snapshot().format()).isEqualTo(ApiSnapshot.FORMAT).isGreaterThanOrEqualTo(5);
  }
}
