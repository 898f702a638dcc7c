package nautilus.autoupdate.deps;

import java.util.List;
import java.util.Optional;

/** The registry of pin file kinds; adding one is a class, a line here and a fixture folder. */
public final class PinFiles {
  private PinFiles() {}

  public static List<PinFile> all() {
    return List.of(new PyprojectPinFile(), new RequirementsPinFile());
  }

  /** The kind that reads {@code relPath}, if any. */
  public static Optional<PinFile> forPath(String relPath) {
    return all().stream().filter(p -> p.handles(relPath)).findFirst();
  }
}
