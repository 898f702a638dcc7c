package nautilus.autoupdate.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import nautilus.autoupdate.SameNameTrees;
import org.junit.jupiter.api.Test;

/**
 * The diff names the class a member finding is about by where it is defined, on trees with the
 * Cython and the PyO3 class of one name (see {@link SameNameTrees}): the PyO3 {@code
 * OrderBookDeltas.from_dict} gone, the Cython one kept.
 */
class ApiDiffOwnerTest {
  private final List<ApiChange> changes =
      ApiDiff.diff(
          SameNameTrees.snapshot(SameNameTrees.FROM), SameNameTrees.snapshot(SameNameTrees.TO));

  @Test
  void eachMemberFindingCarriesTheModuleOfItsClass() {
    assertThat(changes)
        .filteredOn(c -> c.type() == ApiChange.Type.MEMBER_REMOVED)
        .extracting(c -> c.change().old().get(0) + " of " + c.owner())
        .containsExactlyInAnyOrder(
            "OrderBookDeltas.from_dict of nautilus_trader.core.nautilus_pyo3.OrderBookDeltas",
            "BarType.spec of nautilus_trader.model.data.BarType");
    // The short name is ambiguous in this package, so the text says which class it is.
    assertThat(changes)
        .extracting(c -> c.change().text())
        .contains(
            "`nautilus_trader.core.nautilus_pyo3.OrderBookDeltas.from_dict` (method) was removed");
  }

  @Test
  void aCimportedBaseIsTheNearestClassOfItsNameNotTheFirst() {
    // RequestData's `id` moved to its base, core.message.Request: no break. The adapter's Request
    // (first by module name) has no `id`, and taking it would report the member removed.
    assertThat(changes).noneMatch(c -> c.change().old().get(0).startsWith("RequestData."));
  }

  @Test
  void aModelSaysWhetherAPathNamesTheOwnerThroughReExports() {
    ApiModel old = SameNameTrees.model(SameNameTrees.FROM);
    String cython = "nautilus_trader.model.data.OrderBookDeltas";
    assertThat(old.names("nautilus_trader.model.OrderBookDeltas", cython))
        .isEqualTo(ApiModel.Fit.YES);
    assertThat(old.names("nautilus_trader.core.nautilus_pyo3.OrderBookDeltas", cython))
        .isEqualTo(ApiModel.Fit.NO);
    assertThat(old.names("nautilus_trader.model.Nothing", cython)).isEqualTo(ApiModel.Fit.UNKNOWN);
  }
}
