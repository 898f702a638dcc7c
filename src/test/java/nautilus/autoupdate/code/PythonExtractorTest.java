package nautilus.autoupdate.code;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Python syntax forms: which names bind, which references resolve, what is typed. */
class PythonExtractorTest {
  private static final String BOOK = "nautilus_trader.model.book.OrderBook";

  private static Set<String> uses(int line) {
    CodeBase code =
        new CodeScanner(1)
            .scan(Path.of("src/test/resources/code/syntax"), List.of("."), "nautilus_trader", null);
    return code.files().get(0).uses().stream()
        .filter(u -> u.at().line() == line)
        .map(u -> u.kind() + " " + u.target())
        .collect(Collectors.toSet());
  }

  @Test
  void annotatedParametersAndWithTargetsAreTyped() {
    assertThat(uses(21)).contains("NAME " + BOOK);
    // `book as ctx`: ctx is bound by with, its type is not known.
    assertThat(uses(30)).noneMatch(u -> u.contains("OrderBook.apply_delta"));
    assertThat(uses(31)).contains("CALL " + BOOK + ".bids");
    assertThat(uses(33)).contains("CALL " + BOOK + ".asks");
    assertThat(uses(35)).contains("ATTRIBUTE " + BOOK + ".update_count");
    assertThat(uses(38)).contains("CALL " + BOOK + ".best_bid_price");
  }

  @Test
  void localsAndLambdaParametersShadowModuleNames() {
    // The lambda's parameter `enums` shadows the imported module alias.
    assertThat(uses(40)).isEmpty();
    assertThat(uses(41)).contains("CALL nautilus_trader.backtest.models.FillModel.is_slipped");
    assertThat(uses(44))
        .contains(
            "CALL nautilus_trader.persistence.catalog.parquet.ParquetDataCatalog.reset_catalog_file_names");
    assertThat(uses(45)).contains("ATTRIBUTE nautilus_trader.model.enums.OrderSide.BUY");
  }

  @Test
  void moduleLevelInstancesAndFStringsResolve() {
    assertThat(uses(42)).contains("CALL " + BOOK + ".spread");
    assertThat(uses(43)).contains("ATTRIBUTE " + BOOK + ".update_count");
    assertThat(uses(49)).contains("NAME " + BOOK);
  }
}
