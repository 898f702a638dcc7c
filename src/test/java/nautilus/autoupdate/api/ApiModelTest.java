package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import nautilus.autoupdate.TestModels;
import nautilus.autoupdate.api.ApiModel.Found;
import nautilus.autoupdate.api.ApiModel.Missing;
import nautilus.autoupdate.api.ApiModel.Unknown;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import org.junit.jupiter.api.Test;

class ApiModelTest {
  private final ApiModel model = TestModels.model("1.221.0");

  @Test
  void importsFollowReExportsToWhereTheNameIsDefined() {
    assertThat(model.importName("nautilus_trader.config", "InstrumentProviderConfig"))
        .isInstanceOfSatisfying(
            Found.class,
            f ->
                assertThat(f.path())
                    .isEqualTo("nautilus_trader.common.config.InstrumentProviderConfig"));
    assertThat(model.importName("nautilus_trader.config", "PolymarketInstrumentProviderConfig"))
        .isInstanceOf(Missing.class);
    assertThat(model.importName("nautilus_trader.analysis.statistics", "WinRate"))
        .isInstanceOfSatisfying(
            Missing.class,
            m -> assertThat(m.why()).contains("no module nautilus_trader.analysis.statistics"));
    assertThat(model.importName("nautilus_trader", "indicators")).isInstanceOf(Found.class);
    assertThat(model.importModule("nautilus_trader.indicators.averages")).isInstanceOf(Found.class);
    assertThat(model.importModule("nautilus_trader.indicators.average.ema"))
        .isInstanceOf(Missing.class);
  }

  @Test
  void membersAreFoundThroughBaseClassesResolvedInTheDefiningModule() {
    assertThat(model.resolve("nautilus_trader.indicators.ExponentialMovingAverage.update_raw"))
        .isInstanceOfSatisfying(
            Found.class,
            f ->
                assertThat(f.path())
                    .isEqualTo("nautilus_trader.indicators.averages.MovingAverage.update_raw"));
    assertThat(model.resolve("nautilus_trader.indicators.ExponentialMovingAverage.alpha"))
        .isInstanceOf(Found.class);
    assertThat(model.resolve("nautilus_trader.indicators.ExponentialMovingAverage.beta"))
        .isInstanceOf(Missing.class);
    assertThat(model.resolve("nautilus_trader.model.enums.AssetClass.DEBT"))
        .isInstanceOf(Found.class);
    assertThat(model.resolve("nautilus_trader.model.enums.AssetClass.BOND"))
        .isInstanceOf(Missing.class);
    assertThat(model.resolve("nautilus_trader.model.enums.AssetClass.DEBT.value"))
        .isInstanceOfSatisfying(Found.class, f -> assertThat(f.rest()).isEqualTo("value"));
    // The enum's own attributes come from Python's Enum, outside the package.
    assertThat(model.resolve("nautilus_trader.model.enums.AssetClass.name"))
        .isInstanceOf(Found.class);
  }

  @Test
  void keywordsBindToSignaturesAndToMsgspecFields() {
    String cfg = "nautilus_trader.adapters.binance.config.BinanceDataClientConfig";
    assertThat(model.keyword(cfg, null, "instrument_provider")).isInstanceOf(Found.class);
    assertThat(model.keyword(cfg, null, "instrument_config"))
        .isInstanceOfSatisfying(
            Missing.class,
            m -> assertThat(m.why()).contains("takes no keyword `instrument_config`"));
    // Fields of the Struct's bases are keywords too.
    assertThat(model.keyword("nautilus_trader.config.InstrumentProviderConfig", "load_all"))
        .isInstanceOf(Found.class);
    assertThat(model.keyword("nautilus_trader.indicators.ExponentialMovingAverage", "period"))
        .isInstanceOf(Found.class);
    assertThat(model.keyword("nautilus_trader.indicators.ExponentialMovingAverage", "length"))
        .isInstanceOf(Missing.class);
    // **kwargs takes any keyword.
    assertThat(model.keyword("nautilus_trader.trading.strategy.Strategy", "request_bars", "limit"))
        .isInstanceOf(Found.class);
    assertThat(
            model.signature("nautilus_trader.trading.strategy.Strategy.request_bars").orElseThrow())
        .extracting(ApiSnapshot.Param::name)
        .containsExactly("bar_type", "start", "end", "kwargs");
  }

  @Test
  void whatTheModelCannotSeeIsUnknownNotMissing() {
    assertThat(model.importName("nautilus_trader.core.nautilus_pyo3", "Bar"))
        .isInstanceOf(Unknown.class);
    assertThat(model.importName("nautilus_trader.common.config", "_private"))
        .isInstanceOf(Unknown.class);
    assertThat(model.importModule("nautilus_trader._libs")).isInstanceOf(Unknown.class);
    assertThat(model.resolve("numpy.ndarray")).isInstanceOf(Unknown.class);
    // A class whose base comes from outside the package may inherit the member.
    ApiModel m =
        ApiModel.of(
            new ApiSnapshot(
                "nautilus_trader",
                "9.0",
                ApiSnapshot.FORMAT,
                List.of(),
                List.of(),
                Map.of(
                    "nautilus_trader",
                    new ModuleApi(
                        "nautilus_trader",
                        "py",
                        null,
                        Map.of(
                            "Frame",
                            new ApiObject(
                                "Frame",
                                ObjectKind.CLASS,
                                null,
                                List.of("pandas.DataFrame"),
                                null,
                                null))))));
    assertThat(m.resolve("nautilus_trader.Frame.columns")).isInstanceOf(Unknown.class);
    assertThat(m.keyword("nautilus_trader.Frame", "data")).isInstanceOf(Unknown.class);
  }
}
