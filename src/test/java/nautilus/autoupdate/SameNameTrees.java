package nautilus.autoupdate;

import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import nautilus.autoupdate.api.ApiModel;
import nautilus.autoupdate.api.ApiSnapshot;
import nautilus.autoupdate.api.DistContents;
import nautilus.autoupdate.api.SnapshotBuilder;

/**
 * Two small {@code nautilus_trader} trees with same-named classes in two modules, as the real
 * package has them: the Cython {@code nautilus_trader.model.data} classes (re-exported from {@code
 * nautilus_trader.model}) and the PyO3 ones of {@code nautilus_trader.core.nautilus_pyo3}. From
 * 1.222.0 to 1.223.0 the PyO3 {@code OrderBookDeltas} loses {@code from_dict} and the Cython one
 * keeps it, as on the real wheels; the Cython {@code BarType} loses {@code spec} and the PyO3 one
 * keeps it (the reverse, made up). The Cython {@code RequestData(Request)} names its base by a
 * {@code cimport} the model does not record; two modules define a {@code Request}, and in 1.223.0
 * its {@code id} moved to the base in {@code nautilus_trader.core.message} (as {@code cimport}
 * resolves it, not the adapter's).
 */
public final class SameNameTrees {
  public static final String FROM = "1.222.0";
  public static final String TO = "1.223.0";

  private SameNameTrees() {}

  public static Map<String, String> files(String version) {
    boolean old = version.equals(FROM);
    Map<String, String> f = new TreeMap<>();
    f.put("nautilus_trader/__init__.py", "");
    f.put("nautilus_trader/core/__init__.py", "");
    f.put(
        "nautilus_trader/core/nautilus_pyo3.pyi",
        """
        class BarType:
            @property
            def spec(self) -> str: ...

        class OrderBookDeltas:
        """
            + (old
                ? """
                    @staticmethod
                    def from_dict(values: dict) -> OrderBookDeltas: ...
                """
                : "")
            + """
                def to_dict(self) -> dict: ...
            """);
    f.put(
        "nautilus_trader/model/__init__.py",
        """
        from nautilus_trader.model.data import BarType
        from nautilus_trader.model.data import OrderBookDeltas

        __all__ = ["BarType", "OrderBookDeltas"]
        """);
    f.put(
        "nautilus_trader/model/data.pyx",
        "cdef class BarType:\n"
            + (old ? "    @property\n    def spec(self):\n        return self._spec\n\n" : "")
            + "    def is_composite(self):\n        return False\n\n\n"
            + """
            cdef class OrderBookDeltas:
                @staticmethod
                def from_dict(dict values):
                    return OrderBookDeltas()
            """);
    f.put(
        "nautilus_trader/core/message.pyx",
        "cdef class Request:\n"
            + idProperty(!old)
            + "    def is_done(self):\n        return False\n");
    f.put("nautilus_trader/adapters/__init__.py", "");
    f.put("nautilus_trader/adapters/interactive_brokers/__init__.py", "");
    f.put("nautilus_trader/adapters/interactive_brokers/client/__init__.py", "");
    f.put(
        "nautilus_trader/adapters/interactive_brokers/client/common.py",
        "class Request:\n    def cancel(self):\n        pass\n");
    f.put("nautilus_trader/data/__init__.py", "");
    f.put(
        "nautilus_trader/data/messages.pyx",
        "cdef class RequestData(Request):\n"
            + idProperty(old)
            + "    def with_dates(self, start, end):\n        return self\n");
    return f;
  }

  private static String idProperty(boolean present) {
    return present ? "    @property\n    def id(self):\n        return self._id\n\n" : "";
  }

  public static ApiSnapshot snapshot(String version) {
    Map<String, String> f = files(version);
    return new SnapshotBuilder("nautilus_trader")
        .build(version, new DistContents("test", List.copyOf(f.keySet()), f), List.of("test"));
  }

  public static ApiModel model(String version) {
    return ApiModel.of(snapshot(version));
  }
}
