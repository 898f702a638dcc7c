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
}
