package nautilus.autoupdate.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** Keeps docs/configuration.md's table in step with the keys and their defaults. */
class ConfigDocsTest {
  @Test
  void everyKeyIsDocumentedWithItsEnvironmentVariableAndDefault() throws IOException {
    String doc = Files.readString(Path.of("docs/configuration.md"));
    AutoUpdateConfig defaults = AutoUpdateConfig.defaults();
    for (ConfigKey k : ConfigKey.all()) {
      String row =
          doc.lines().filter(l -> l.startsWith("| `" + k.name() + "` |")).findFirst().orElse(null);
      assertThat(row).as("table row for " + k.name()).isNotNull();
      assertThat(row).contains("`" + k.envVar() + "`");
      Object value = k.valueIn(defaults);
      if (value instanceof String || value instanceof Integer || value instanceof Boolean) {
        assertThat(row).as("default of " + k.name()).contains("`" + value + "`");
      }
    }
  }
}
