package nautilus.autoupdate.detect;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import nautilus.autoupdate.version.Version;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PinnedVersionTest {
  @TempDir Path dir;

  Path file(String text) throws Exception {
    return Files.writeString(dir.resolve("pyproject.toml"), text);
  }

  @Test
  void readsExactPinsInTheirCommonSpellings() throws Exception {
    assertThat(
            PinnedVersion.read(
                file("dependencies = [\"nautilus_trader==1.221.0\"]"), "nautilus_trader"))
        .contains(Version.parse("1.221.0"));
    assertThat(
            PinnedVersion.read(
                file("dependencies = [\n  'nautilus-trader[ib] == 1.222.0a20251229',\n]"),
                "nautilus_trader"))
        .contains(Version.parse("1.222.0a20251229"));
    assertThat(
            PinnedVersion.read(
                file("deps = [\"Nautilus.Trader===1.208.0.dev20241212+7001\"]"), "nautilus_trader"))
        .contains(Version.parse("1.208.0.dev20241212+7001"));
  }

  @Test
  void rangesOtherPackagesAndMissingFilesGiveNothing() throws Exception {
    assertThat(
            PinnedVersion.read(
                file("dependencies = [\"nautilus_trader>=1.220\"]"), "nautilus_trader"))
        .isEmpty();
    assertThat(
            PinnedVersion.read(
                file("dependencies = [\"nautilus_trader_extras==1.0\"]"), "nautilus_trader"))
        .isEmpty();
    assertThat(PinnedVersion.read(dir.resolve("missing.toml"), "nautilus_trader")).isEmpty();
  }
}
