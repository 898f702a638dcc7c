package nautilus.autoupdate.code;

import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

class ScratchTest {
  @Test
  void print() {
    CodeBase cb =
        new CodeScanner()
            .scan(Path.of("src/test/resources/code/sample"), List.of("."), "nautilus_trader", null);
    for (FileUses f : cb.files()) {
      System.out.println("== " + f.path() + " err=" + f.parseErrors());
      for (Use u : f.uses()) {
        System.out.println(
            "  "
                + u.kind()
                + " "
                + u.target()
                + " "
                + u.resolved()
                + " L"
                + u.at().line()
                + ":"
                + u.at().column()
                + " kw="
                + u.kwargs().stream().map(Kwarg::name).toList());
      }
    }
  }
}
