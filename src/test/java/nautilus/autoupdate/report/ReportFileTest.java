package nautilus.autoupdate.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.UserError;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReportFileTest {
  @TempDir Path dir;

  @Test
  void writesAtomicallyAndReadsBack() throws Exception {
    Path state = dir.resolve(".nautilus-autoupdate");
    Path file = ReportFile.write(state, Reports.sample());
    assertThat(file).isEqualTo(state.resolve("impact-report.json"));
    try (var files = Files.list(state)) {
      assertThat(files).containsExactly(file); // no temp file left behind
    }
    assertThat(ReportFile.read(state)).isEqualTo(Reports.sample());
    // A second write replaces the first.
    ReportFile.write(state, Reports.withNote("Renamed `A` to `B`"));
    assertThat(ReportFile.read(state).breakingChanges().get(1).text())
        .isEqualTo("Renamed `A` to `B`");
  }

  @Test
  void missingOrMalformedFilesAreOneLineErrors() throws Exception {
    assertThatThrownBy(() -> ReportFile.read(dir))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("impact-report.json: no saved impact report");
    Files.writeString(dir.resolve("impact-report.json"), "{\n  \"version\": [1,\n");
    assertThatThrownBy(() -> ReportFile.read(dir))
        .isInstanceOf(UserError.class)
        .hasMessageMatching(".*impact-report.json:\\d+: not an impact report.*");
  }

  @Test
  void anUnwritableStateDirIsAUserError() throws Exception {
    Path blocker = dir.resolve("file");
    Files.writeString(blocker, "x");
    assertThatThrownBy(() -> ReportFile.write(blocker.resolve("state"), Reports.sample()))
        .isInstanceOf(UserError.class)
        .hasMessageContaining("cannot write");
  }
}
