package nautilus.autoupdate.deps;

import java.util.Locale;

/** PEP 503 name normalization: {@code Nautilus_Trader}, {@code nautilus-trader} are one name. */
public final class PackageNames {
  private PackageNames() {}

  public static String normalize(String name) {
    return name.trim().replaceAll("[-_.]+", "-").toLowerCase(Locale.ROOT);
  }

  public static boolean same(String a, String b) {
    return a != null && b != null && normalize(a).equals(normalize(b));
  }
}
