package nautilus.autoupdate.api;

import java.util.List;
import nautilus.autoupdate.version.Version;

/**
 * Where {@code check} gets the API diff of the two versions it compares. It never fails the check:
 * when no diff can be made, {@link Found#unavailable} says why, and the check goes on with the
 * release notes alone.
 */
@FunctionalInterface
public interface ApiDiffSource {
  /**
   * The diff's findings (not yet linked to notes) and what was not read, or, when {@code
   * unavailable} is not null, why there is no diff at all.
   */
  record Found(List<ApiChange> changes, List<String> skipped, String unavailable) {
    public Found {
      changes = List.copyOf(changes);
      skipped = List.copyOf(skipped);
    }

    public static Found none(String why) {
      return new Found(List.of(), List.of(), why);
    }

    public boolean available() {
      return unavailable == null;
    }
  }

  /** No diff at all (turned off, or a caller that has none). */
  static ApiDiffSource off(String why) {
    return (packageName, from, to) -> Found.none(why);
  }

  Found diff(String packageName, Version from, Version to);
}
