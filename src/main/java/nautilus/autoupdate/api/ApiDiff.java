package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.EditDistance;
import nautilus.autoupdate.api.ApiChange.Type;
import nautilus.autoupdate.api.ApiSnapshot.ApiMember;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.MemberKind;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;
import nautilus.autoupdate.notes.BreakingChange;
import nautilus.autoupdate.notes.ChangeKind;
import nautilus.autoupdate.notes.ChangeScope;
import nautilus.autoupdate.version.Version;

/**
 * Compares two snapshots and reports what code written against the old one can no longer do:
 * removed or moved modules and names (with the new import when the name still exists elsewhere),
 * removed, renamed or property-turned-method members, and parameters removed, renamed, made
 * required or given another default. Additions are not breaks and are not reported. Every member
 * and parameter finding carries its owner where it is defined ({@link BreakingChange#owner}): the
 * package has same-named classes in several modules (the Cython and the PyO3 {@code BarType}), so
 * the short name alone does not say which class changed; the text names the module too when the
 * short name is ambiguous.
 */
public final class ApiDiff {
  /**
   * Bump when the findings change shape, so cached comparisons are made again (2: member and
   * parameter findings carry their owner; absent in older caches, read as 0; 3: a name gone from
   * one adapter no longer moves to another adapter's; 4: a removed module's names that went nowhere
   * while others moved are removed names of their own).
   */
  public static final int FORMAT = 4;

  /** Below this name similarity a removed and an added member are not taken for a rename. */
  static final double RENAME_SIMILARITY = 0.5;

  private final ApiSnapshot from;
  private final ApiSnapshot to;
  private final Version version;
  private final Map<String, List<String>> toHomes = new HashMap<>();

  /** How many modules of {@code from} define (not import) each name: more than one is ambiguous. */
  private final Map<String, Integer> definitions = new HashMap<>();

  private final List<ApiChange> out = new ArrayList<>();

  private ApiDiff(ApiSnapshot from, ApiSnapshot to) {
    this.from = from;
    this.to = to;
    this.version = Version.tryParse(to.version()).orElse(null);
    for (ModuleApi m : to.modules().values()) {
      for (String n : m.names().keySet()) {
        toHomes.computeIfAbsent(n, k -> new ArrayList<>()).add(m.name());
      }
    }
    for (ModuleApi m : from.modules().values()) {
      for (ApiObject o : m.names().values()) {
        if (o.kind() != ObjectKind.IMPORT) {
          definitions.merge(o.name(), 1, Integer::sum);
        }
      }
    }
  }

  /** The breaks from {@code from} to {@code to}, all undocumented until linked to notes. */
  public static List<ApiChange> diff(ApiSnapshot from, ApiSnapshot to) {
    ApiDiff d = new ApiDiff(from, to);
    d.run();
    return List.copyOf(d.out);
  }

  private void run() {
    for (ModuleApi old : from.modules().values()) {
      Optional<ModuleApi> now = to.module(old.name());
      if (now.isEmpty()) {
        removedModule(old);
        continue;
      }
      for (ApiObject o : old.names().values()) {
        if (!now.get().names().containsKey(o.name()) && matters(old, o)) {
          removedName(old, o);
        }
      }
      for (ApiObject o : old.names().values()) {
        ApiObject n = now.get().names().get(o.name());
        if (n != null && o.kind() != ObjectKind.IMPORT && n.kind() != ObjectKind.IMPORT) {
          compareObjects(old.name(), o, old.name(), n);
        }
      }
    }
  }

  /** Incidental imports (not in {@code __all__}) are not part of a module's promised API. */
  private static boolean matters(ModuleApi m, ApiObject o) {
    return o.kind() != ObjectKind.IMPORT || (m.all() != null && m.all().contains(o.name()));
  }

  private void removedModule(ModuleApi old) {
    Set<String> homes = new java.util.TreeSet<>();
    List<ApiObject> gone = new ArrayList<>();
    for (ApiObject o : old.names().values()) {
      if (!matters(old, o)) {
        // A re-export of the package's own class (`model.orders` re-exporting `Order` from
        // `model.orders.base`) is how users import it: gone from everywhere, it is named below.
        if (o.target() != null
            && o.target().startsWith(from.packageName() + ".")
            && newHome(old.name(), o.name()).isEmpty()) {
          gone.add(o);
        }
        continue;
      }
      Optional<String> home = newHome(old.name(), o.name());
      if (home.isEmpty()) {
        gone.add(o);
      } else {
        homes.add(home.get());
        moved(old.name(), o, home.get());
        if (o.kind() != ObjectKind.IMPORT) {
          to.resolve(home.get(), o.name())
              .filter(n -> n.kind() != ObjectKind.IMPORT)
              .ifPresent(n -> compareObjects(old.name(), o, home.get(), n));
        }
      }
    }
    if (!homes.isEmpty()) {
      // Some names went elsewhere: the module's finding names their home, which the others (1.231.0
      // -> 2.0.0rc7: `model.orders.Order`, not in `nautilus_trader.model`) must not inherit.
      gone.forEach(o -> nameRemoved(old, o));
    }
    String replacement = homes.size() == 1 ? homes.iterator().next() : null;
    add(
        Type.MODULE_REMOVED,
        ChangeKind.REMOVE,
        "Module `"
            + old.name()
            + "` was removed"
            + (replacement != null ? "; its names are importable from `" + replacement + "`" : ""),
        old.name(),
        replacement,
        null,
        false,
        from.version()
            + ": module "
            + old.name()
            + " ("
            + old.origin()
            + ", "
            + old.names().size()
            + " names); "
            + to.version()
            + ": no such module"
            + (homes.isEmpty() ? "" : "; names now in " + String.join(", ", homes)),
        null);
  }

  private void removedName(ModuleApi old, ApiObject o) {
    Optional<String> home = newHome(old.name(), o.name());
    if (home.isPresent()) {
      moved(old.name(), o, home.get());
      return;
    }
    nameRemoved(old, o);
  }

  private void nameRemoved(ModuleApi old, ApiObject o) {
    add(
        Type.NAME_REMOVED,
        ChangeKind.REMOVE,
        "`" + old.name() + "." + o.name() + "` (" + o.kind().id() + ") was removed",
        old.name() + "." + o.name(),
        null,
        null,
        false,
        from.version()
            + ": "
            + old.name()
            + " defines "
            + o.name()
            + "; "
            + to.version()
            + ": not importable from any module",
        null);
  }

  private void moved(String oldModule, ApiObject o, String home) {
    String imp = "from " + home + " import " + o.name();
    add(
        Type.NAME_MOVED,
        ChangeKind.MOVE,
        "`" + o.name() + "` moved from `" + oldModule + "` to `" + home + "`",
        oldModule + "." + o.name(),
        home + "." + o.name(),
        imp,
        true,
        from.version()
            + ": from "
            + oldModule
            + " import "
            + o.name()
            + "; "
            + to.version()
            + ": gone there, "
            + imp
            + " works (defined in "
            + to.definingModule(home, o.name())
            + ")",
        null);
  }

  /**
   * Where a name gone from {@code oldModule} can be imported from now: a module that lists it in
   * {@code __all__} first, then one defining it, then the one sharing most of the old path, then
   * the shortest path.
   */
  Optional<String> newHome(String oldModule, String name) {
    List<String> candidates = new ArrayList<>();
    for (String m : toHomes.getOrDefault(name, List.of())) {
      if (!m.equals(oldModule) && !otherAdapter(oldModule, m) && to.resolve(m, name).isPresent()) {
        candidates.add(m);
      }
    }
    Comparator<String> order =
        Comparator.<String>comparingInt(m -> inAll(m, name) ? 0 : 1)
            .thenComparingInt(
                m -> to.modules().get(m).names().get(name).kind() == ObjectKind.IMPORT ? 1 : 0)
            .thenComparingInt(m -> -commonSegments(m, oldModule))
            .thenComparingInt(m -> m.split("\\.").length)
            .thenComparing(Comparator.naturalOrder());
    return candidates.stream().min(order);
  }

  /**
   * Whether two modules belong to different adapters ({@code adapters.okx...} and {@code
   * adapters.binance...}): a name of one adapter that the other also defines is another venue's
   * function, not where the first one went (1.220.0's {@code okx.common.urls.get_http_base_url} was
   * no move to Binance's, which takes three parameters).
   */
  static boolean otherAdapter(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    for (int i = 0; i + 1 < x.length && i + 1 < y.length && x[i].equals(y[i]); i++) {
      if (x[i].equals("adapters")) {
        return !x[i + 1].equals(y[i + 1]);
      }
    }
    return false;
  }

  private boolean inAll(String module, String name) {
    List<String> all = to.modules().get(module).all();
    return all != null && all.contains(name);
  }

  private static int commonSegments(String a, String b) {
    String[] x = a.split("\\.");
    String[] y = b.split("\\.");
    int i = 0;
    while (i < x.length && i < y.length && x[i].equals(y[i])) {
      i++;
    }
    return i;
  }

  /**
   * The class or function {@code name} of {@code module} as a finding names it: {@code path} where
   * it is defined (the owner the finding carries), {@code shown} its short name, or {@code path}
   * when another module of the old version defines the same name.
   */
  private record Owner(String path, String shown) {
    String shown(String member) {
      return shown + "." + member;
    }
  }

  private Owner owner(String module, String name) {
    String path = module + "." + name;
    return new Owner(path, definitions.getOrDefault(name, 0) > 1 ? path : name);
  }

  private void compareObjects(String oldModule, ApiObject o, String newModule, ApiObject n) {
    String where = oldModule.equals(newModule) ? oldModule : oldModule + " -> " + newModule;
    Owner own = owner(oldModule, o.name());
    if (o.kind() == ObjectKind.FUNCTION && n.kind() == ObjectKind.FUNCTION) {
      compareParams(o.name(), own.shown(), own.path(), where, o.params(), n.params());
      return;
    }
    boolean classes =
        (o.kind() == ObjectKind.CLASS || o.kind() == ObjectKind.ENUM)
            && (n.kind() == ObjectKind.CLASS || n.kind() == ObjectKind.ENUM);
    if (!classes) {
      return;
    }
    Map<String, ApiMember> before = effectiveMembers(from, oldModule, o);
    Map<String, ApiMember> after = effectiveMembers(to, newModule, n);
    List<ApiMember> removed = new ArrayList<>();
    for (ApiMember m : o.members().values()) {
      if (m.name().equals("__init__")) {
        continue;
      }
      ApiMember now = after.get(m.name());
      if (now == null) {
        removed.add(m);
      } else if (m.kind() == MemberKind.PROPERTY && now.kind() == MemberKind.METHOD) {
        add(
            Type.PROPERTY_TO_METHOD,
            ChangeKind.SIGNATURE,
            "`" + own.shown(m.name()) + "` is now a method, not a property",
            o.name() + "." + m.name(),
            o.name() + "." + m.name() + "()",
            null,
            true,
            where
                + ": "
                + o.name()
                + "."
                + m.name()
                + " was a property in "
                + from.version()
                + ", is a method in "
                + to.version(),
            own.path());
      } else if (m.kind() == MemberKind.METHOD && now.kind() == MemberKind.METHOD) {
        compareParams(
            o.name() + "." + m.name(),
            own.shown(m.name()),
            own.path(),
            where,
            m.params(),
            now.params());
      }
    }
    ApiMember oldInit = before.get("__init__");
    ApiMember newInit = after.get("__init__");
    if (oldInit != null && newInit != null) {
      compareParams(o.name(), own.shown(), own.path(), where, oldInit.params(), newInit.params());
    }
    List<ApiMember> added = new ArrayList<>();
    for (ApiMember m : n.members().values()) {
      if (!before.containsKey(m.name()) && !m.name().equals("__init__")) {
        added.add(m);
      }
    }
    for (ApiMember r : removed) {
      ApiMember best = null;
      double bestScore = RENAME_SIMILARITY;
      for (ApiMember a : added) {
        double s = similarity(r.name(), a.name());
        if (a.kind() == r.kind() && sameSignature(r.params(), a.params()) && s >= bestScore) {
          best = a;
          bestScore = s;
        }
      }
      String old = o.name() + "." + r.name();
      if (best != null) {
        added.remove(best);
        add(
            Type.MEMBER_RENAMED,
            ChangeKind.RENAME,
            "`" + own.shown(r.name()) + "` was renamed to `" + own.shown(best.name()) + "`",
            old,
            o.name() + "." + best.name(),
            null,
            true,
            where
                + ": "
                + r.kind().id()
                + " "
                + r.name()
                + " gone, "
                + best.name()
                + " added with the same signature (name similarity "
                + String.format(java.util.Locale.ROOT, "%.2f", bestScore)
                + ")",
            own.path());
      } else {
        add(
            Type.MEMBER_REMOVED,
            ChangeKind.REMOVE,
            "`" + own.shown(r.name()) + "` (" + r.kind().id() + ") was removed",
            old,
            null,
            null,
            false,
            where
                + ": "
                + o.name()
                + " had "
                + r.kind().id()
                + " "
                + r.name()
                + " in "
                + from.version()
                + ", not in "
                + to.version()
                + " (nor inherited)",
            own.path());
      }
    }
  }

  /** A class's members with those it inherits from bases known in the snapshot. */
  private static Map<String, ApiMember> effectiveMembers(
      ApiSnapshot s, String module, ApiObject c) {
    Map<String, ApiMember> out = new LinkedHashMap<>();
    collect(s, module, c, out, new HashSet<>());
    return out;
  }

  private static void collect(
      ApiSnapshot s, String module, ApiObject c, Map<String, ApiMember> out, Set<String> seen) {
    if (!seen.add(module + "." + c.name()) || seen.size() > 30) {
      return;
    }
    c.members().values().forEach(m -> out.putIfAbsent(m.name(), m));
    for (String base : c.bases()) {
      findClass(s, module, base.replaceAll("\\[.*$", "").strip())
          .ifPresent(b -> collect(s, b.module(), b.cls(), out, seen));
    }
  }

  private record Found(String module, ApiObject cls) {}

  /**
   * The class a base written in {@code module} names: the module's own binding (or a dotted path of
   * the package), else (a Cython {@code cimport} is not recorded, {@code common.DataActor} goes
   * through a module alias) the class of that name in the module nearest {@code module}, never
   * simply the first of that name: the Cython {@code RequestData(Request)} derives from {@code
   * core.message.Request}, not the Interactive Brokers adapter's.
   */
  private static Optional<Found> findClass(ApiSnapshot s, String module, String written) {
    int dot = written.lastIndexOf('.');
    String name = written.substring(dot + 1);
    String home = dot < 0 ? module : written.substring(0, dot);
    Optional<ApiObject> bound = s.resolve(home, name);
    if (bound.isPresent() && isClass(bound.get())) {
      return Optional.of(new Found(s.definingModule(home, name), bound.get()));
    }
    if (bound.isPresent()
        && bound.get().kind() == ObjectKind.IMPORT
        && !bound.get().target().startsWith(s.packageName() + ".")) {
      return Optional.empty(); // msgspec's Struct, not a class of the package of that name
    }
    Comparator<ModuleApi> nearest =
        Comparator.<ModuleApi>comparingInt(m -> -commonSegments(m.name(), module))
            .thenComparingInt(m -> m.name().split("\\.").length)
            .thenComparing(ModuleApi::name);
    return s.modules().values().stream()
        .filter(m -> m.names().get(name) != null && isClass(m.names().get(name)))
        .min(nearest)
        .map(m -> new Found(m.name(), m.names().get(name)));
  }

  private static boolean isClass(ApiObject o) {
    return o.kind() == ObjectKind.CLASS || o.kind() == ObjectKind.ENUM;
  }

  /**
   * The parameter findings of {@code callable} ({@code Owner.method}, {@code Owner} for its
   * constructor, or a function), matched by that key; {@code shown} is how the text names it and
   * {@code owner} where its class or function is defined.
   */
  private void compareParams(
      String callable,
      String shown,
      String owner,
      String where,
      List<Param> before,
      List<Param> after) {
    if (before == null || after == null) {
      return;
    }
    Map<String, Param> now = new LinkedHashMap<>();
    after.forEach(p -> now.put(p.name(), p));
    Set<String> oldNames = new HashSet<>();
    before.forEach(p -> oldNames.add(p.name()));
    boolean takesKwargs = after.stream().anyMatch(p -> p.kind() == ParamKind.VAR_KEYWORD);
    Set<String> renamedTo = new HashSet<>();
    for (int i = 0; i < before.size(); i++) {
      Param p = before.get(i);
      if (p.kind() == ParamKind.VAR_POSITIONAL || p.kind() == ParamKind.VAR_KEYWORD) {
        continue;
      }
      Param q = now.get(p.name());
      if (q == null) {
        Param same = i < after.size() ? after.get(i) : null;
        if (!takesKwargs && same != null && looksRenamed(p, same, oldNames)) {
          renamedTo.add(same.name());
          add(
              Type.PARAMETER_RENAMED,
              ChangeKind.SIGNATURE,
              "Parameter `"
                  + p.name()
                  + "` of `"
                  + shown
                  + "` was renamed to `"
                  + same.name()
                  + "`",
              callable,
              callable,
              null,
              true,
              where + ": " + callable + "(" + render(before) + ") -> (" + render(after) + ")",
              owner);
        } else if (!takesKwargs) {
          add(
              Type.PARAMETER_REMOVED,
              ChangeKind.SIGNATURE,
              "Parameter `" + p.name() + "` of `" + shown + "` was removed",
              callable,
              null,
              null,
              false,
              where + ": " + callable + "(" + render(before) + ") -> (" + render(after) + ")",
              owner);
        }
      } else if (p.hasDefault() && !q.hasDefault()) {
        add(
            Type.PARAMETER_REQUIRED,
            ChangeKind.SIGNATURE,
            "Parameter `"
                + p.name()
                + "` of `"
                + shown
                + "` is now required (it had the default "
                + p.defaultValue()
                + ")",
            callable,
            null,
            null,
            false,
            where + ": " + callable + "(" + render(before) + ") -> (" + render(after) + ")",
            owner);
      } else if (p.hasDefault()
          && q.hasDefault()
          && p.defaultValue() != null
          && q.defaultValue() != null
          && !norm(p.defaultValue()).equals(norm(q.defaultValue()))) {
        add(
            Type.DEFAULT_CHANGED,
            ChangeKind.DEFAULT,
            "Default of `"
                + p.name()
                + "` in `"
                + shown
                + "` changed from "
                + p.defaultValue()
                + " to "
                + q.defaultValue(),
            callable,
            null,
            null,
            false,
            where + ": " + callable + "(" + render(before) + ") -> (" + render(after) + ")",
            owner);
      }
    }
    for (Param q : after) {
      boolean required =
          !q.hasDefault()
              && (q.kind() == ParamKind.POSITIONAL_OR_KEYWORD
                  || q.kind() == ParamKind.KEYWORD_ONLY
                  || q.kind() == ParamKind.POSITIONAL_ONLY);
      if (required && !oldNames.contains(q.name()) && !renamedTo.contains(q.name())) {
        add(
            Type.PARAMETER_REQUIRED,
            ChangeKind.SIGNATURE,
            "`" + shown + "` has a new required parameter `" + q.name() + "`",
            callable,
            null,
            null,
            false,
            where + ": " + callable + "(" + render(before) + ") -> (" + render(after) + ")",
            owner);
      }
    }
  }

  /**
   * Whether {@code now}, at the place {@code was} had, is that parameter under a new name: a new
   * name, of the same kind, and with the same default where both record one (declared types are not
   * compared: the Cython and the stub extractors write them differently). {@code write_data(...,
   * skip_disjoint_check=False)} becoming {@code write_data(..., data_cls=None, ...)} (1.231.0) is
   * another parameter, not a rename that a fix may write. A callable that now takes {@code
   * **kwargs} is never said to rename: the old keyword still binds there.
   */
  private static boolean looksRenamed(Param was, Param now, Set<String> oldNames) {
    return !oldNames.contains(now.name())
        && now.kind() == was.kind()
        && now.hasDefault() == was.hasDefault()
        && (was.defaultValue() == null
            || now.defaultValue() == null
            || norm(was.defaultValue()).equals(norm(now.defaultValue())));
  }

  private static String norm(String s) {
    return s.replaceAll("\\s+", "").replace('\'', '"');
  }

  static String render(List<Param> params) {
    List<String> parts = new ArrayList<>();
    for (Param p : params) {
      String prefix =
          p.kind() == ParamKind.VAR_POSITIONAL
              ? "*"
              : p.kind() == ParamKind.VAR_KEYWORD ? "**" : "";
      parts.add(
          prefix
              + p.name()
              + (p.hasDefault() ? "=" + Objects.requireNonNullElse(p.defaultValue(), "...") : ""));
    }
    return String.join(", ", parts);
  }

  private static boolean sameSignature(List<Param> a, List<Param> b) {
    if (a == null || b == null) {
      return a == b;
    }
    if (a.size() != b.size()) {
      return false;
    }
    for (int i = 0; i < a.size(); i++) {
      if (!a.get(i).name().equals(b.get(i).name())
          || a.get(i).kind() != b.get(i).kind()
          || a.get(i).hasDefault() != b.get(i).hasDefault()) {
        return false;
      }
    }
    return true;
  }

  /**
   * How alike two identifiers are, 0..1: the better of their shared-word ratio ({@code
   * reset_catalog_file_names} / {@code reset_all_file_names}) and edit distance ({@code
   * USDT_FUTURE} / {@code USDT_FUTURES}).
   */
  static double similarity(String a, String b) {
    Set<String> x = new HashSet<>(List.of(a.toLowerCase(java.util.Locale.ROOT).split("_+")));
    Set<String> y = new HashSet<>(List.of(b.toLowerCase(java.util.Locale.ROOT).split("_+")));
    Set<String> union = new HashSet<>(x);
    union.addAll(y);
    x.retainAll(y);
    double words = union.isEmpty() ? 0 : (double) x.size() / union.size();
    int max = Math.max(a.length(), b.length());
    double edit = max == 0 ? 1 : 1.0 - (double) EditDistance.levenshtein(a, b) / max;
    return Math.max(words, edit);
  }

  /** A finding; {@code owner} null for a module or a name, whose {@code old} is its full path. */
  private void add(
      Type type,
      ChangeKind kind,
      String text,
      String old,
      String replacement,
      String migration,
      boolean autoFixable,
      String evidence,
      String owner) {
    List<String> news = new ArrayList<>();
    news.add(replacement);
    BreakingChange c =
        new BreakingChange(
            version,
            text,
            kind,
            ChangeScope.PYTHON,
            List.of(old),
            news,
            autoFixable,
            migration,
            "api-diff",
            owner);
    out.add(new ApiChange(c, type, evidence, false, null));
  }
}
