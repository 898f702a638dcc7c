package nautilus.autoupdate.code;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import nautilus.autoupdate.code.ModuleFacts.ClassFact;
import nautilus.autoupdate.code.ModuleFacts.ImportFact;
import nautilus.autoupdate.code.ModuleFacts.MemberFact;
import nautilus.autoupdate.code.ModuleFacts.RefFact;
import nautilus.autoupdate.code.ModuleFacts.StringFact;

/**
 * Turns per-file facts into uses of the upstream package, resolving names across our own modules:
 * re-exports, star imports, relative imports and base classes defined in other files.
 */
final class Resolver {
  private static final String INSTANCE = PythonExtractor.INSTANCE;
  private static final String UNKNOWN = PythonExtractor.UNKNOWN;

  /** What a name stands for: an upstream path, one of our classes, or nothing we follow. */
  private record Target(String path, boolean certain, String module, String localClass) {
    static Target upstream(String path, boolean certain) {
      return new Target(path, certain, null, null);
    }

    boolean isLocalClass() {
      return localClass != null;
    }
  }

  /** One of our modules: its facts merged over units (notebook cells share one namespace). */
  private static final class Module {
    final String name;
    final String path;
    final boolean isPackage;
    final Map<String, String> bindings = new HashMap<>();
    final List<String> stars = new ArrayList<>();
    final Map<String, ClassFact> classes = new LinkedHashMap<>();
    final Set<String> ownNames = new HashSet<>();
    boolean bound;

    Module(String name, String path, boolean isPackage) {
      this.name = name;
      this.path = path;
      this.isPackage = isPackage;
    }
  }

  private final String pkg;
  private final Map<String, Module> modules = new HashMap<>();
  private final Map<String, Module> byPath = new HashMap<>();
  private final Function<String, FileFacts> load;
  private final Set<String> packages = new HashSet<>();

  Resolver(String packageName, List<String> sourceDirs, Map<String, FileFacts> facts) {
    this(
        packageName,
        sourceDirs,
        facts.entrySet().stream()
            .filter(e -> e.getValue().python())
            .map(Map.Entry::getKey)
            .toList(),
        facts::get);
  }

  /**
   * A resolver over {@code pythonPaths} that reads a module's facts through {@code load} only when
   * resolution first reaches that module, so a scan parses only the modules that matter.
   */
  Resolver(
      String packageName,
      List<String> sourceDirs,
      List<String> pythonPaths,
      Function<String, FileFacts> load) {
    this.pkg = packageName;
    this.load = load;
    for (String path : pythonPaths) {
      for (String name : moduleNames(path, sourceDirs)) {
        Module m =
            modules.computeIfAbsent(name, n -> new Module(n, path, path.endsWith("__init__.py")));
        byPath.putIfAbsent(path, m);
      }
      if (!byPath.containsKey(path)) {
        byPath.put(path, new Module(path, path, false));
      }
    }
    for (String name : modules.keySet()) {
      for (String p = parent(name); !p.isEmpty(); p = parent(p)) {
        packages.add(p);
      }
    }
  }

  /** One of our modules by name, its bindings read on first use; null if not ours. */
  private Module module(String name) {
    Module m = modules.get(name);
    if (m != null) {
      bound(m);
    }
    return m;
  }

  private Module bound(Module m) {
    if (m.bound) {
      return m;
    }
    m.bound = true;
    Module first = byPath.get(m.path);
    if (first != m) {
      // Every module name of a file shares the first's bindings.
      bound(first);
      m.bindings.putAll(first.bindings);
      m.stars.addAll(first.stars);
      m.classes.putAll(first.classes);
      m.ownNames.addAll(first.ownNames);
      return m;
    }
    FileFacts ff = load.apply(m.path);
    if (ff != null) {
      for (ModuleFacts unit : ff.units()) {
        bind(m, unit);
      }
    }
    return m;
  }

  static List<String> moduleNames(String path, List<String> sourceDirs) {
    String noExt = path.replaceFirst("\\.(pyi?|ipynb)$", "");
    List<String> names = new ArrayList<>();
    List<String> roots = new ArrayList<>();
    for (String d : sourceDirs) {
      roots.add(SourceFiles.normalize(d));
    }
    roots.add("");
    roots.add("src");
    for (String root : roots) {
      String rel;
      if (root.isEmpty()) {
        rel = noExt;
      } else if (noExt.startsWith(root + "/")) {
        rel = noExt.substring(root.length() + 1);
      } else {
        continue;
      }
      String name = rel.replace('/', '.');
      if (name.endsWith(".__init__")) {
        name = name.substring(0, name.length() - ".__init__".length());
      } else if (name.equals("__init__")) {
        continue;
      }
      if (!names.contains(name)) {
        names.add(name);
      }
    }
    return names;
  }

  private void bind(Module m, ModuleFacts unit) {
    for (ImportFact i : unit.imports()) {
      String abs = absolute(m, i);
      if (i.star()) {
        m.stars.add(abs);
      } else if (i.name() == null) {
        if (i.alias() != null) {
          m.bindings.put(i.alias(), abs);
        } else {
          String head = abs.split("\\.", 2)[0];
          m.bindings.putIfAbsent(head, head);
        }
      } else {
        m.bindings.put(i.alias() != null ? i.alias() : i.name(), abs + "." + i.name());
      }
    }
    for (ClassFact c : unit.classes()) {
      m.classes.put(c.name(), c);
    }
    m.ownNames.addAll(unit.ownNames());
  }

  private String absolute(Module m, ImportFact i) {
    if (i.level() == 0) {
      return i.module();
    }
    String base = m.isPackage ? m.name : parent(m.name);
    for (int l = 1; l < i.level(); l++) {
      base = parent(base);
    }
    if (i.module().isEmpty()) {
      return base;
    }
    return base.isEmpty() ? i.module() : base + "." + i.module();
  }

  private static String parent(String dotted) {
    int dot = dotted.lastIndexOf('.');
    return dot < 0 ? "" : dotted.substring(0, dot);
  }

  boolean upstream(String path) {
    return path.equals(pkg) || path.startsWith(pkg + ".");
  }

  /** The uses of one file. */
  FileUses uses(String path) {
    FileFacts ff = load.apply(path);
    List<Use> uses = new ArrayList<>();
    Module m = byPath.get(path);
    if (m != null) {
      bound(m);
    }
    for (ModuleFacts unit : ff.units()) {
      if (m != null) {
        importUses(m, unit, uses);
        refUses(m, unit, uses);
        overrideUses(m, unit, uses);
      }
      for (StringFact s : unit.strings()) {
        if (upstream(s.value())) {
          uses.add(
              new Use(
                  UseKind.CONFIG_STRING,
                  s.value().replace(':', '.'),
                  true,
                  s.at(),
                  List.of(),
                  0,
                  null,
                  s.value(),
                  null,
                  null));
        } else {
          uses.add(Use.of(UseKind.ENV_STRING, s.value(), true, s.at()));
        }
      }
      for (StringFact k : unit.keys()) {
        uses.add(Use.of(UseKind.CONFIG_KEY, k.value(), false, k.at()));
      }
    }
    boolean touchesUpstream =
        uses.stream().anyMatch(u -> u.resolved() && u.kind() != UseKind.ENV_STRING);
    if (!touchesUpstream) {
      // Guesses about unknown objects only count in files that use the package at all.
      uses.removeIf(u -> !u.resolved() || u.kind() == UseKind.ENV_STRING);
    }
    return new FileUses(path, uses, ff.units().stream().anyMatch(ModuleFacts::parseErrors));
  }

  private void importUses(Module m, ModuleFacts unit, List<Use> uses) {
    for (ImportFact i : unit.imports()) {
      String abs = absolute(m, i);
      String full = i.name() == null || i.star() ? abs : abs + "." + i.name();
      if (upstream(abs)) {
        uses.add(
            new Use(
                UseKind.IMPORT, full, true, i.at(), List.of(), 0, abs, i.name(), i.alias(), null));
      } else if (i.name() != null && !i.star()) {
        Target t = resolvePath(full, new HashSet<>());
        if (t != null && !t.isLocalClass() && upstream(t.path())) {
          // Our module re-exports an upstream name: the use follows it.
          uses.add(Use.of(UseKind.NAME, t.path(), t.certain(), i.at()));
        }
      }
    }
  }

  private void refUses(Module m, ModuleFacts unit, List<Use> uses) {
    for (RefFact r : unit.refs()) {
      List<String> chain = r.chain();
      if (chain.get(0).equals(UNKNOWN)) {
        uses.add(
            refUse(
                m, r, r.call() ? UseKind.CALL : UseKind.ATTRIBUTE, String.join(".", chain), false));
        continue;
      }
      if (r.selfClass() != null) {
        Use u = selfUse(m, r);
        if (u != null) {
          uses.add(u);
        }
        continue;
      }
      Target end = follow(resolveName(m, chain.get(0), new HashSet<>()), chain, 1);
      if (end == null || end.isLocalClass() || !upstream(end.path())) {
        continue;
      }
      long segments = chain.stream().filter(s -> !s.equals(INSTANCE)).count();
      UseKind kind = r.call() ? UseKind.CALL : segments == 1 ? UseKind.NAME : UseKind.ATTRIBUTE;
      uses.add(refUse(m, r, kind, end.path(), end.certain()));
    }
  }

  private Use refUse(Module m, RefFact r, UseKind kind, String target, boolean resolved) {
    List<Kwarg> kwargs = r.kwargs();
    if (kwargs.stream().anyMatch(k -> k.type() != null)) {
      kwargs =
          kwargs.stream().map(k -> new Kwarg(k.name(), k.at(), valueClass(m, k.type()))).toList();
    }
    return new Use(
        kind, target, resolved, r.at(), kwargs, r.positional(), null, null, null, r.args());
  }

  /**
   * The upstream class a keyword's value is an instance of (its chain as written in m), or null.
   */
  private String valueClass(Module m, String chain) {
    if (chain == null || PythonExtractor.LITERALS.containsValue(chain)) {
      return chain; // a literal's builtin needs no resolving
    }
    List<String> parts = List.of(chain.split("\\."));
    Target end = follow(resolveName(m, parts.get(0), new HashSet<>()), parts, 1);
    // One of our classes may derive from anything: its fit is left unknown.
    return end == null || end.isLocalClass() || !end.certain() || !upstream(end.path())
        ? null
        : end.path();
  }

  /** Walks the rest of a chain from a resolved root. */
  private Target follow(Target t, List<String> chain, int from) {
    for (int i = from; i < chain.size() && t != null; i++) {
      String seg = chain.get(i);
      if (seg.equals(INSTANCE)) {
        continue;
      }
      if (t.isLocalClass()) {
        t = inheritedMember(t, seg);
      } else {
        String next = t.path() + "." + seg;
        t = new Target(next, t.certain(), null, null);
        if (!upstream(next)) {
          t = resolvePath(next, new HashSet<>());
        }
      }
    }
    return t;
  }

  /** A member reached through our class: ours if we define it, else the upstream base's. */
  private Target inheritedMember(Target cls, String member) {
    if (definedLocally(cls, member)) {
      return null;
    }
    String base = nearestUpstreamBase(cls);
    return base == null ? null : Target.upstream(base + "." + member, true);
  }

  private Use selfUse(Module m, RefFact r) {
    List<String> chain = r.chain();
    Target cls = new Target(null, true, m.name, r.selfClass());
    String attr = chain.get(1);
    List<String> type = attrType(cls, attr);
    Target end;
    if (type != null) {
      if (chain.size() == 2) {
        return null; // the attribute itself, not a use of its type
      }
      List<String> typed = new ArrayList<>(type);
      typed.addAll(chain.subList(2, chain.size()));
      Target root = resolveName(m, typed.get(0), new HashSet<>());
      end = follow(root, typed, 1);
    } else {
      end = follow(cls, chain, 1);
    }
    if (end == null || end.isLocalClass() || !upstream(end.path())) {
      return null;
    }
    return refUse(m, r, r.call() ? UseKind.CALL : UseKind.ATTRIBUTE, end.path(), end.certain());
  }

  private void overrideUses(Module m, ModuleFacts unit, List<Use> uses) {
    for (ClassFact c : unit.classes()) {
      Target cls = new Target(null, true, m.name, c.name());
      String base = nearestUpstreamBase(cls);
      if (base == null) {
        continue;
      }
      for (MemberFact member : c.members()) {
        if (member.name().startsWith("__")) {
          continue;
        }
        // Our own intermediate base may already define it; the upstream name is still overridden.
        uses.add(Use.of(UseKind.OVERRIDE, base + "." + member.name(), true, member.at()));
      }
    }
  }

  private ClassFact classFact(Target cls) {
    Module m = module(cls.module());
    return m == null ? null : m.classes.get(cls.localClass());
  }

  /** The bases of one of our classes, resolved: our classes or upstream paths. */
  private List<Target> directBases(Target cls) {
    ClassFact f = classFact(cls);
    Module m = module(cls.module());
    List<Target> bases = new ArrayList<>();
    if (f == null || m == null) {
      return bases;
    }
    for (List<String> chain : f.bases()) {
      Target b = follow(resolveName(m, chain.get(0), new HashSet<>()), chain, 1);
      if (b != null) {
        bases.add(b);
      }
    }
    return bases;
  }

  /** Our class and its bases among our own classes, nearest first. */
  private List<Target> localHierarchy(Target cls) {
    List<Target> order = new ArrayList<>();
    Deque<Target> queue = new ArrayDeque<>(List.of(cls));
    Set<String> seen = new HashSet<>();
    while (!queue.isEmpty()) {
      Target c = queue.poll();
      if (classFact(c) == null || !seen.add(c.module() + ":" + c.localClass())) {
        continue;
      }
      order.add(c);
      directBases(c).stream().filter(Target::isLocalClass).forEach(queue::add);
    }
    return order;
  }

  /** The first upstream class our class derives from, directly or through our own bases. */
  String nearestUpstreamBase(Target cls) {
    for (Target c : localHierarchy(cls)) {
      for (Target b : directBases(c)) {
        if (!b.isLocalClass() && upstream(b.path())) {
          return b.path();
        }
      }
    }
    return null;
  }

  private boolean definedLocally(Target cls, String member) {
    for (Target c : localHierarchy(cls)) {
      ClassFact f = classFact(c);
      if (f.selfAssigned().contains(member)
          || f.members().stream().anyMatch(x -> x.name().equals(member))) {
        return true;
      }
    }
    return false;
  }

  /** The type our class hierarchy assigns to {@code self.attr}, if any. */
  private List<String> attrType(Target cls, String attr) {
    for (Target c : localHierarchy(cls)) {
      List<String> t = classFact(c).attrTypes().get(attr);
      if (t != null) {
        return t;
      }
    }
    return null;
  }

  private Target resolveName(Module m, String name, Set<String> visiting) {
    if (!visiting.add(m.name + ":" + name)) {
      return null;
    }
    if (m.classes.containsKey(name)) {
      return new Target(null, true, m.name, name);
    }
    String bound = m.bindings.get(name);
    if (bound != null) {
      return resolvePath(bound, visiting);
    }
    if (m.ownNames.contains(name)) {
      return null;
    }
    for (String star : m.stars) {
      if (upstream(star)) {
        // We cannot list the upstream module's names: the name may come from it.
        if (Character.isUpperCase(name.charAt(0)) || name.contains("_")) {
          return Target.upstream(star + "." + name, false);
        }
      } else if (module(star) != null) {
        Target t = resolveName(module(star), name, visiting);
        if (t != null) {
          return t;
        }
      }
    }
    return null;
  }

  /** A dotted path: upstream as is, or through our modules to what they bind. */
  private Target resolvePath(String dotted, Set<String> visiting) {
    if (upstream(dotted) || packages.contains(dotted)) {
      return Target.upstream(dotted, true);
    }
    String prefix = dotted;
    while (!prefix.isEmpty()) {
      Module m = module(prefix);
      if (m != null) {
        if (prefix.equals(dotted)) {
          return new Target(dotted, true, null, null); // our module itself
        }
        String rest = dotted.substring(prefix.length() + 1);
        String[] parts = rest.split("\\.");
        Target t = resolveName(m, parts[0], visiting);
        if (t == null) {
          return null;
        }
        return follow(t, List.of(parts), 1);
      }
      prefix = parent(prefix);
    }
    return null;
  }
}
