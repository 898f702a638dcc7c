package nautilus.autoupdate.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class StepPrinterTest {
  @Test
  void onATerminalALongStepShowsItsElapsedTimeThenIsOverwritten() throws Exception {
    StringWriter s = new StringWriter();
    try (StepPrinter p = new StepPrinter(new PrintWriter(s), true, false)) {
      p.line("tests: running pytest");
      Thread.sleep(3500);
      p.line("tests: 3 passed");
    }
    assertThat(s.toString())
        .contains("→ tests: running pytest\n")
        .containsPattern("\r  … [23] s")
        .contains("\r\u001b[K→ tests: 3 passed\n");
  }

  @Test
  void elsewhereOnlyPlainLines() throws Exception {
    StringWriter s = new StringWriter();
    try (StepPrinter p = new StepPrinter(new PrintWriter(s), false, false)) {
      p.line("a");
      Thread.sleep(2200);
      p.line("b");
    }
    assertThat(s.toString()).isEqualTo("→ a\n→ b\n");
  }
}
