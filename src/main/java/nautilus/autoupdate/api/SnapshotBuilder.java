package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import nautilus.autoupdate.api.ApiSnapshot.ApiMember;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;

/**
 * Turns distribution contents into an {@link ApiSnapshot}: finds the package's folder, maps files
 * to modules ({@code a/b/__init__.py} is {@code a.b}, {@code a/c.cpython-311-x86_64-linux-gnu.so}
 * is {@code a.c}), and reads each public module from its best sources: a {@code .pyi} stub first,
 * then {@code .py}, then Cython {@code .pyx}/{@code .pxd}; later sources only add what earlier ones
 * lack. Compiled modules without any source are listed with no names (introspection fills them).
 */
public final class SnapshotBuilder {
  private final String topLevel;

  /**
   * @param packageName the distribution name; its import name is derived from it
   */
  public SnapshotBuilder(String packageName) {
    this.topLevel = importName(packageName);
  }

  public static String importName(String packageName) {
    return packageName.trim().toLowerCase(java.util.Locale.ROOT).replaceAll("[-.]+", "_");
  }

  /** The modules found in {@code dist}, each with the extensions of the files that define it. */
  public Map<String, Set<String>> moduleFiles(DistContents dist) {
    String root = root(dist);
    Map<String, Set<String>> modules = new TreeMap<>();
    if (root == null) {
      return modules;
    }
    for (String path : dist.paths()) {
      if (!path.startsWith(root + topLevel + "/") && !path.startsWith(root + topLevel + ".")) {
        continue;
      }
      String rel = path.substring(root.length());
      int slash = rel.lastIndexOf('/');
      String file = rel.substring(slash + 1);
      int dot = file.indexOf('.');
      if (dot <= 0) {
        continue;
      }
      String ext = file.substring(file.lastIndexOf('.') + 1);
      if (!Set.of("py", "pyi", "pyx", "pxd", "so", "pyd").contains(ext)) {
        continue;
      }
      String dir = slash < 0 ? "" : rel.substring(0, slash).replace('/', '.');
      String stem = file.substring(0, dot);
      String module = stem.equals("__init__") ? dir : dir.isEmpty() ? stem : dir + "." + stem;
      if (module.isEmpty() || !isPublicModule(module)) {
        continue;
      }
      modules.computeIfAbsent(module, k -> new TreeSet<>()).add(ext);
    }
    // A lone .pxd only serves cimport; it is not an importable module.
    modules.values().removeIf(exts -> exts.equals(Set.of("pxd")));
    return modules;
  }

  public static boolean isPublicModule(String module) {
    for (String part : module.split("\\.")) {
      if (part.startsWith("_")) {
        return false;
      }
    }
    return true;
  }

  /** Builds the snapshot (without introspection); {@code sources} describes what was read. */
  public ApiSnapshot build(String version, DistContents dist, List<String> sources) {
    String root = root(dist);
    Map<String, ModuleApi> modules = new LinkedHashMap<>();
    List<String> skipped = new ArrayList<>();
    PythonExtractor py = new PythonExtractor();
    CythonExtractor cy = new CythonExtractor();
    for (var e : moduleFiles(dist).entrySet()) {
      String module = e.getKey();
      Set<String> exts = e.getValue();
      String base = root + module.replace('.', '/');
      ModuleApi api = null;
      for (String ext : List.of("pyi", "py")) {
        if (!exts.contains(ext)) {
          continue;
        }
        boolean pkg = dist.sources().containsKey(base + "/__init__." + ext);
        String text = dist.sources().get(pkg ? base + "/__init__." + ext : base + "." + ext);
        if (text != null) {
          api = merge(api, py.extract(module, pkg, topLevel, ext, text));
        }
      }
      if (exts.contains("pyx") || exts.contains("pxd")) {
        String pyx = firstOf(dist, base + ".pyx", base + "/__init__.pyx");
        String pxd = firstOf(dist, base + ".pxd", base + "/__init__.pxd");
        if (pyx != null || (api == null && pxd != null)) {
          api = merge(api, cy.extract(module, topLevel, pyx, pxd));
        }
      }
      if (api == null) {
        api = new ModuleApi(module, "extension", null, Map.of());
        skipped.add(module + ": compiled module without source; names need --introspect");
      }
      modules.put(module, api);
    }
    return new ApiSnapshot(
        topLevel, version, ApiSnapshot.FORMAT, sources, skipped, new TreeMap<>(modules));
  }

  private static String firstOf(DistContents dist, String... paths) {
    for (String p : paths) {
      String t = dist.sources().get(p);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  /** The folder prefix under which the package's import folder sits ("" in wheels, "src/"...). */
  private String root(DistContents dist) {
    String best = null;
    for (String path : dist.paths()) {
      int at = path.indexOf(topLevel + "/");
      while (at >= 0) {
        if (at == 0 || path.charAt(at - 1) == '/') {
          String prefix = path.substring(0, at);
          if (best == null || prefix.length() < best.length()) {
            best = prefix;
          }
          break;
        }
        at = path.indexOf(topLevel + "/", at + 1);
      }
    }
    return best;
  }

  /**
   * Combines two readings of one module: {@code a}'s names, members and signatures win, {@code b}
   * adds what {@code a} lacks.
   */
  public static ModuleApi merge(ModuleApi a, ModuleApi b) {
    if (a == null) {
      return b;
    }
    if (b == null) {
      return a;
    }
    Map<String, ApiObject> names = new TreeMap<>(b.names());
    for (ApiObject o : a.names().values()) {
      ApiObject other = names.get(o.name());
      if (other == null || other.kind() != o.kind()) {
        // "X = make_enum(...)" reads as a constant in source; what it evaluates to is better.
        boolean sourceSawOnlyAnAssignment = other != null && o.kind() == ObjectKind.CONSTANT;
        names.put(o.name(), sourceSawOnlyAnAssignment ? other : o);
        continue;
      }
      Map<String, ApiMember> members = new TreeMap<>(other.members());
      for (ApiMember m : o.members().values()) {
        ApiMember om = members.get(m.name());
        members.put(m.name(), om != null && m.params() == null && om.kind() == m.kind() ? om : m);
      }
      names.put(
          o.name(),
          new ApiObject(
              o.name(),
              o.kind(),
              o.target(),
              o.bases().isEmpty() ? other.bases() : o.bases(),
              o.params() != null ? o.params() : other.params(),
              members));
    }
    return new ModuleApi(
        a.name(), a.origin() + "+" + b.origin(), a.all() != null ? a.all() : b.all(), names);
  }
}
