package nautilus.autoupdate.api;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/** The demo package's two versions under src/test/resources/api/, as path -> text maps. */
final class Fixtures {
  private Fixtures() {}

  static Map<String, String> demo(String version) throws IOException {
    try {
      Path root = Path.of(Fixtures.class.getResource("/api/demo-" + version).toURI());
      Map<String, String> files = new TreeMap<>();
      try (Stream<Path> s = Files.walk(root)) {
        for (Path p : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
          files.put(root.relativize(p).toString().replace('\\', '/'), Files.readString(p));
        }
      }
      return files;
    } catch (URISyntaxException e) {
      throw new IOException(e);
    }
  }

  /**
   * The arguments of {@code api-diff --from 1.0 --to 2.0 --package demo_pkg}, then {@code more}.
   */
  static String[] demoDiff(String... more) {
    String[] prefix = {"api-diff", "--from", "1.0", "--to", "2.0", "--package", "demo_pkg"};
    String[] all = java.util.Arrays.copyOf(prefix, prefix.length + more.length);
    System.arraycopy(more, 0, all, prefix.length, more.length);
    return all;
  }

  /** Runs {@code api-diff} on the demo package's two versions with {@code more} options. */
  static nautilus.autoupdate.CliRunner.Result runDemoDiff(
      Path tmp, Map<String, String> env, String... more) {
    return nautilus.autoupdate.CliRunner.run(tmp, env, demoDiff(more));
  }
}
