package nautilus.autoupdate;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** The bundled examples/ folder, copied for tests so their state never lands in the source tree. */
public final class Examples {
  public static final Path DIR = Path.of("examples").toAbsolutePath();

  private Examples() {}

  /**
   * The arguments of {@code update} to {@code version} with the bundled release notes, then {@code
   * options}.
   */
  public static String[] updateArgs(String version, String... options) {
    List<String> args =
        new ArrayList<>(
            List.of(
                "update",
                "--releases-md",
                DIR.resolve("RELEASES.md").toString(),
                "--to",
                version,
                // The notes cover the demo's breaks; the API diff has its own tests.
                "--no-api-diff"));
    args.addAll(List.of(options));
    return args.toArray(String[]::new);
  }

  /** Copies examples/ (without Python caches) to {@code target}/examples and returns that. */
  public static Path copyTo(Path target) throws IOException {
    Path examples = target.resolve("examples");
    try (Stream<Path> files = Files.walk(DIR)) {
      for (Path p : (Iterable<Path>) files::iterator) {
        Path to = examples.resolve(DIR.relativize(p).toString());
        if (Files.isDirectory(p)) {
          Files.createDirectories(to);
        } else if (!p.toString().contains("__pycache__")) {
          Files.copy(p, to);
        }
      }
    }
    return examples;
  }
}
