package nautilus.autoupdate.api;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import nautilus.autoupdate.api.ApiSnapshot.ApiMember;
import nautilus.autoupdate.api.ApiSnapshot.ApiObject;
import nautilus.autoupdate.api.ApiSnapshot.MemberKind;
import nautilus.autoupdate.api.ApiSnapshot.ModuleApi;
import nautilus.autoupdate.api.ApiSnapshot.ObjectKind;
import nautilus.autoupdate.api.ApiSnapshot.Param;
import nautilus.autoupdate.api.ApiSnapshot.ParamKind;

/**
 * One version's API as something to ask: does this import, name, attribute or keyword exist? Built
 * from an {@link ApiSnapshot}. Every answer is {@link Found}, {@link Missing} (the model shows it
 * does not exist) or {@link Unknown} (the model cannot tell: a compiled module without source, a
 * private name, a base class from outside the package), so callers can demand positive evidence.
 */
public final class ApiModel {
  /** What a lookup reached. */
  public sealed interface Resolution permits Found, Missing, Unknown {
    /** One line saying what was found or why not. */
    String describe();
  }

  /**
   * Reached {@code path} (where it is defined, re-exports followed) of this {@code kind}; {@code
   * rest} is the tail of the asked name past a value whose type the model does not know (empty when
   * every segment was resolved); {@code params} is the signature when it is a callable (null when
   * not known or not callable).
   */
  public record Found(String path, String kind, List<Param> params, String rest)
      implements Resolution {
    public Found {
      params = params == null ? null : List.copyOf(params);
    }

    /** Every segment of the name was resolved. */
    public boolean complete() {
      return rest.isEmpty();
    }

    /** A keyword that binds only through the callee's {@code **kwargs} ({@link #keyword}). */
    public boolean throughKwargs() {
      return path.contains("(**");
    }

    @Override
    public String describe() {
      return path + " (" + kind + ")" + (rest.isEmpty() ? "" : ", then ." + rest + " on a value");
    }
  }

  /** The model shows the name does not exist. */
  public record Missing(String why) implements Resolution {
    @Override
    public String describe() {
      return why;
    }
  }

  /** The model cannot tell. */
  public record Unknown(String why) implements Resolution {
    @Override
    public String describe() {
      return why;
    }
  }

  /** Bases outside the package whose members are known: none that a use would name. */
  private static final Set<String> EMPTY_BASES =
      Set.of(
          "object",
          "msgspec.Struct",
          "Struct",
          "Generic",
          "typing.Generic",
          "Protocol",
          "typing.Protocol",
          "ABC",
          "abc.ABC");

  private static final Set<String> ENUM_BASES =
      Set.of(
          "Enum",
          "IntEnum",
          "StrEnum",
          "Flag",
          "IntFlag",
          "enum.Enum",
          "enum.IntEnum",
          "enum.StrEnum",
          "enum.Flag",
          "enum.IntFlag");

  private static final Set<String> STRUCT_BASES = Set.of("msgspec.Struct", "Struct");

  private static final int MAX_HOPS = 16;

  private final ApiSnapshot snapshot;
  private final String top;
  private final Map<String, List<String>> classesByName = new HashMap<>();
  private final Set<String> memberNames = new HashSet<>();
  // The snapshot never changes, so each answer is kept: the judges, the target check and the
  // typed-keyword scan ask the same paths, classes and types thousands of times per check.
  private final Map<String, Resolution> resolved = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, List<Klass>> mros = new java.util.concurrent.ConcurrentHashMap<>();
  private final Map<String, String> canonical = new java.util.concurrent.ConcurrentHashMap<>();

  private ApiModel(ApiSnapshot snapshot) {
    this.snapshot = snapshot;
    this.top = snapshot.packageName();
    for (ModuleApi m : snapshot.modules().values()) {
      for (ApiObject o : m.names().values()) {
        if (o.kind() == ObjectKind.CLASS || o.kind() == ObjectKind.ENUM) {
          classesByName.computeIfAbsent(o.name(), k -> new ArrayList<>()).add(m.name());
          memberNames.addAll(o.members().keySet());
        }
      }
    }
  }

  public static ApiModel of(ApiSnapshot snapshot) {
    return new ApiModel(snapshot);
  }

  public ApiSnapshot snapshot() {
    return snapshot;
  }

  public String version() {
    return snapshot.version();
  }

  /** {@code import module}: the module must exist. */
  public Resolution importModule(String module) {
    if (snapshot.modules().containsKey(module)) {
      return new Found(module, "module", null, "");
    }
    return notAModule(module);
  }

  /** {@code from module import name}: a name of the module, or its submodule. */
  public Resolution importName(String module, String name) {
    if (!snapshot.modules().containsKey(module)) {
      return notAModule(module);
    }
    return lookup(module, name);
  }

  /** {@code module.dotted.name}, starting in {@code module} (which must exist). */
  public Resolution lookup(String module, String dottedName) {
    ModuleApi m = snapshot.modules().get(module);
    if (m == null) {
      return notAModule(module);
    }
    return walkModule(m, List.of(dottedName.split("\\.")), 0, 0);
  }

  /** A full dotted path: the longest module prefix, then names and members. */
  public Resolution resolve(String dotted) {
    return kept(resolved, dotted, this::resolveAnew);
  }

  /**
   * The kept answer for {@code key}, else {@code make}'s, then kept. Get-then-put, not {@code
   * computeIfAbsent}: an answer may need others of the same map (a class's bases), which that would
   * refuse; two threads at worst compute the same answer twice.
   */
  private static <V> V kept(
      Map<String, V> answers, String key, java.util.function.Function<String, V> make) {
    V v = answers.get(key);
    if (v == null) {
      v = make.apply(key);
      answers.put(key, v);
    }
    return v;
  }

  private Resolution resolveAnew(String dotted) {
    String[] parts = dotted.split("\\.");
    for (int n = parts.length; n >= 1; n--) {
      String module = String.join(".", java.util.Arrays.copyOf(parts, n));
      ModuleApi m = snapshot.modules().get(module);
      if (m != null) {
        if (n == parts.length) {
          return new Found(module, "module", null, "");
        }
        return walkModule(m, List.of(parts).subList(n, parts.length), 0, 0);
      }
    }
    return notAModule(dotted);
  }

  /**
   * Whether keyword {@code kw} binds when calling {@code callee} (a dotted path: a function, a
   * method, or a class, whose constructor takes its {@code __init__} parameters, or its fields when
   * it is a msgspec {@code Struct}).
   */
  public Resolution keyword(String callee, String kw) {
    Resolution r = resolve(callee);
    if (!(r instanceof Found f)) {
      return r;
    }
    if (!f.complete()) {
      return new Unknown("the type of " + callee + " past " + f.path() + " is not known");
    }
    if (f.params() == null) {
      return new Unknown("the model has no signature of " + f.path());
    }
    for (Param p : f.params()) {
      if (p.name().equals(kw)
          && (p.kind() == ParamKind.POSITIONAL_OR_KEYWORD || p.kind() == ParamKind.KEYWORD_ONLY)) {
        return new Found(f.path() + "(" + kw + "=)", "keyword", null, "");
      }
    }
    for (Param p : f.params()) {
      if (p.kind() == ParamKind.VAR_KEYWORD) {
        return new Found(f.path() + "(**" + p.name() + ")", "keyword", null, "");
      }
    }
    return new Missing(f.path() + " takes no keyword `" + kw + "`");
  }

  /** {@code owner.method(kw=...)}; {@code method} null: the constructor of {@code owner}. */
  public Resolution keyword(String owner, String method, String kw) {
    return keyword(method == null ? owner : owner + "." + method, kw);
  }

  /** The signature of a callable path, when the model knows it. */
  public Optional<List<Param>> signature(String callee) {
    return resolve(callee) instanceof Found f && f.complete()
        ? Optional.ofNullable(f.params())
        : Optional.empty();
  }

  /** The public modules that define a class or enum of this name (not those re-exporting it). */
  public List<String> modulesDefining(String name) {
    return classesByName.getOrDefault(name, List.of()).stream()
        .filter(SnapshotBuilder::isPublicModule)
        .distinct()
        .sorted()
        .toList();
  }

  /**
   * The declared type of keyword {@code kw} when calling {@code callee} (a field of a config
   * struct, an annotated parameter), as {@link TypeText} wrote it in the module that declares it;
   * empty when the keyword does not bind by name or is not annotated.
   */
  public Optional<String> declaredType(String callee, String kw) {
    return signature(callee).stream()
        .flatMap(List::stream)
        .filter(
            p ->
                p.name().equals(kw)
                    && (p.kind() == ParamKind.POSITIONAL_OR_KEYWORD
                        || p.kind() == ParamKind.KEYWORD_ONLY))
        .map(Param::type)
        .filter(t -> t != null)
        .findFirst();
  }

  /**
   * A declared type with every name of the package replaced by where it is defined, so that two
   * spellings of one class ({@code nautilus_trader.config.X}, {@code
   * nautilus_trader.common.config.X}) and two versions that re-export it from different modules
   * compare equal.
   */
  public String canonicalType(String type) {
    return kept(canonical, type, this::canonicalAnew);
  }

  private String canonicalAnew(String type) {
    List<String> out = new ArrayList<>();
    for (String alt : TypeText.alternatives(type)) {
      String head = TypeText.head(alt);
      String cls = classPath(head);
      out.add(cls == null ? alt : cls + alt.substring(head.length()));
    }
    return TypeText.normalise(String.join(" | ", out), n -> n);
  }

  /** Whether a value of class {@code valueClass} is accepted where {@code type} is declared. */
  public enum Fit {
    YES,
    NO,
    UNKNOWN
  }

  /** Builtins no class of the package derives from unless its bases say so. */
  private static final Set<String> BUILTINS =
      Set.of(
          "str",
          "int",
          "float",
          "bool",
          "bytes",
          "dict",
          "list",
          "tuple",
          "set",
          "frozenset",
          "None");

  /**
   * Whether an instance of {@code valueClass} (a dotted path of the package) fits {@code type}:
   * {@code YES} when it is, or derives from, one of the type's classes; {@code NO} when the model
   * shows it is none of them (every alternative a class of the package or a builtin, and the
   * value's bases all known); {@code UNKNOWN} otherwise (a protocol, a type variable, a base from
   * outside the package).
   */
  public Fit fits(String valueClass, String type) {
    if (BUILTINS.contains(valueClass)) {
      return fitsBuiltin(valueClass, type);
    }
    String value = classPath(valueClass);
    if (value == null) {
      return Fit.UNKNOWN;
    }
    Klass v = classAt(value, value);
    List<Klass> mro = v.external != null ? List.of() : mro(v.module, v.cls);
    Set<String> ancestors = new HashSet<>();
    boolean basesKnown = v.external == null;
    for (Klass k : mro) {
      if (k.external != null) {
        basesKnown &= EMPTY_BASES.contains(k.external) || ENUM_BASES.contains(k.external);
      } else {
        ancestors.add(k.module.name() + "." + k.cls.name());
      }
    }
    boolean unknown = false;
    for (String alt : TypeText.alternatives(type)) {
      String head = TypeText.head(alt);
      String cls = classPath(head);
      if (cls != null) {
        if (ancestors.contains(cls)) {
          return Fit.YES;
        }
      } else if (head.equals("Any") || head.equals("typing.Any") || head.equals("object")) {
        return Fit.YES;
      } else if (!BUILTINS.contains(head)) {
        unknown = true;
      }
    }
    return unknown || !basesKnown ? Fit.UNKNOWN : Fit.NO;
  }

  /** A literal's builtin ({@code str}, {@code None}): no class of the package is one. */
  private Fit fitsBuiltin(String value, String type) {
    boolean unknown = false;
    for (String alt : TypeText.alternatives(type)) {
      String head = TypeText.head(alt);
      if (head.equals(value)
          || (value.equals("int") && (head.equals("float") || head.equals("complex")))
          || head.equals("Any")
          || head.equals("typing.Any")
          || head.equals("object")) {
        return Fit.YES;
      }
      if (!BUILTINS.contains(head) && classPath(head) == null) {
        unknown = true; // an alias (PositiveInt), a protocol, a type variable
      }
    }
    return unknown ? Fit.UNKNOWN : Fit.NO;
  }

  /**
   * Whether every value {@code old} (declared in this model) accepts, {@code neu} (declared in
   * {@code other}) accepts too, as far as the alternatives show: {@code str} to {@code str | None}.
   */
  public boolean widens(String old, ApiModel other, String neu) {
    Set<String> before = new HashSet<>(TypeText.alternatives(canonicalType(old)));
    Set<String> after = new HashSet<>(TypeText.alternatives(other.canonicalType(neu)));
    return after.containsAll(before);
  }

  /** The defining path of a class of the package named by {@code dotted}, else null. */
  private String classPath(String dotted) {
    if (!dotted.startsWith(top + ".")) {
      return null;
    }
    Resolution r = resolve(dotted);
    return r instanceof Found f
            && f.complete()
            && (f.kind().equals("class") || f.kind().equals("enum"))
        ? f.path()
        : null;
  }

  /**
   * Whether {@code dotted} (a path as our code spells it: {@code nautilus_trader.model.BarType})
   * names {@code owner} (a class or function where it is defined: {@code
   * nautilus_trader.model.data.BarType}): {@code YES} for that definition, through any re-export,
   * or a class deriving from it; {@code NO} for another definition (the same-named PyO3 class);
   * {@code UNKNOWN} when the path does not resolve to a class or function, or a base the model
   * cannot place has the owner's name.
   */
  public Fit names(String dotted, String owner) {
    if (!(resolve(dotted) instanceof Found f)
        || !f.complete()
        || !Set.of("class", "enum", "function").contains(f.kind())) {
      return Fit.UNKNOWN;
    }
    if (f.path().equals(owner)) {
      return Fit.YES;
    }
    if (f.kind().equals("function")) {
      return Fit.NO;
    }
    String ownerName = owner.substring(owner.lastIndexOf('.') + 1);
    Klass k = classAt(f.path(), f.path());
    if (k.external != null) {
      return Fit.UNKNOWN;
    }
    Fit fit = Fit.NO;
    for (Klass base : mro(k.module, k.cls)) {
      if (base.external == null && (base.module.name() + "." + base.cls.name()).equals(owner)) {
        return Fit.YES;
      }
      String written = base.external == null ? "" : base.external;
      if (written.substring(written.lastIndexOf('.') + 1).equals(ownerName)) {
        fit = Fit.UNKNOWN;
      }
    }
    return fit;
  }

  /** Whether any class of the package has a member of this name (for owners we cannot type). */
  public boolean anyClassHasMember(String name) {
    return memberNames.contains(name);
  }

  private Resolution notAModule(String module) {
    if (!module.equals(top) && !module.startsWith(top + ".")) {
      return new Unknown(module + " is not part of " + top);
    }
    if (!SnapshotBuilder.isPublicModule(module)) {
      return new Unknown(module + " is private; the model holds public modules only");
    }
    return new Missing("no module " + module + " in " + top + " " + version());
  }

  private Resolution walkModule(ModuleApi m, List<String> parts, int i, int hops) {
    if (hops > MAX_HOPS) {
      return new Unknown("re-exports of " + m.name() + "." + parts.get(i) + " loop");
    }
    String name = parts.get(i);
    ApiObject o = m.names().get(name);
    if (o == null) {
      ModuleApi sub = snapshot.modules().get(m.name() + "." + name);
      if (sub != null) {
        return i + 1 == parts.size()
            ? new Found(sub.name(), "module", null, "")
            : walkModule(sub, parts, i + 1, hops);
      }
      if (name.startsWith("_")) {
        return new Unknown(m.name() + "." + name + " is private; the model omits private names");
      }
      if (m.origin().equals("extension")) {
        return new Unknown(m.name() + " is compiled and was read without source");
      }
      return new Missing(m.name() + " has no name `" + name + "` in " + version());
    }
    if (o.kind() == ObjectKind.IMPORT) {
      int dot = o.target().lastIndexOf('.');
      String tm = dot < 0 ? "" : o.target().substring(0, dot);
      ModuleApi target = snapshot.modules().get(tm);
      if (target == null) {
        ModuleApi asModule = snapshot.modules().get(o.target());
        if (asModule != null) {
          return i + 1 == parts.size()
              ? new Found(asModule.name(), "module", null, "")
              : walkModule(asModule, parts, i + 1, hops + 1);
        }
        return new Found(o.target(), "external", null, rest(parts, i + 1));
      }
      List<String> redirected = new ArrayList<>();
      redirected.add(o.target().substring(dot + 1));
      redirected.addAll(parts.subList(i + 1, parts.size()));
      return walkModule(target, redirected, 0, hops + 1);
    }
    String path = m.name() + "." + name;
    if (o.kind() == ObjectKind.CLASS || o.kind() == ObjectKind.ENUM) {
      if (i + 1 == parts.size()) {
        return new Found(path, o.kind().id(), constructor(m, o), "");
      }
      return walkClass(m, o, parts, i + 1);
    }
    return new Found(path, o.kind().id(), o.params(), rest(parts, i + 1));
  }

  private Resolution walkClass(ModuleApi m, ApiObject cls, List<String> parts, int i) {
    String member = parts.get(i);
    Lookup l = member(m, cls, member);
    if (l.found != null) {
      ApiMember mem = l.found;
      String path = l.owner + "." + member;
      return new Found(path, mem.kind().id(), mem.params(), rest(parts, i + 1));
    }
    String path = m.name() + "." + cls.name();
    if (member.startsWith("_")) {
      return new Unknown(path + "." + member + " is private; the model omits private names");
    }
    if (l.unknownBase != null) {
      return new Unknown(
          path + " has no member `" + member + "`, but its base " + l.unknownBase + " is unknown");
    }
    if (l.enumBase && (member.equals("name") || member.equals("value"))) {
      return new Found(path + "." + member, "attribute", null, rest(parts, i + 1));
    }
    return new Missing(path + " has no member `" + member + "` in " + version());
  }

  /** A member found through the bases, or which base could not be read. */
  private record Lookup(ApiMember found, String owner, String unknownBase, boolean enumBase) {}

  private Lookup member(ModuleApi m, ApiObject cls, String name) {
    String unknown = null;
    boolean isEnum = cls.kind() == ObjectKind.ENUM;
    for (Klass k : mro(m, cls)) {
      if (k.external != null) {
        if (ENUM_BASES.contains(k.external)) {
          isEnum = true;
        } else if (!EMPTY_BASES.contains(k.external) && unknown == null) {
          unknown = k.external;
        }
        continue;
      }
      ApiMember found = k.cls.members().get(name);
      if (found != null) {
        return new Lookup(found, k.module.name() + "." + k.cls.name(), null, false);
      }
      if (k.module.origin().equals("extension") && unknown == null) {
        unknown = k.module.name() + "." + k.cls.name();
      }
    }
    return new Lookup(null, null, unknown, isEnum);
  }

  /** A class of the package (module and object) or a base from outside it (its text). */
  private record Klass(ModuleApi module, ApiObject cls, String external) {}

  /** The class and its bases, depth first (close enough to Python's MRO to find a member). */
  private List<Klass> mro(ModuleApi m, ApiObject cls) {
    return kept(
        mros,
        m.name() + "." + cls.name(),
        k -> {
          List<Klass> out = new ArrayList<>();
          mro(m, cls, out, new HashSet<>(), 0);
          return List.copyOf(out);
        });
  }

  private void mro(ModuleApi m, ApiObject cls, List<Klass> out, Set<String> seen, int depth) {
    if (!seen.add(m.name() + "." + cls.name()) || depth > MAX_HOPS) {
      return;
    }
    out.add(new Klass(m, cls, null));
    for (String base : cls.bases()) {
      Klass b = base(m, base, cls.name());
      if (b.external != null) {
        out.add(b);
      } else {
        mro(b.module, b.cls, out, seen, depth + 1);
      }
    }
  }

  /**
   * A base as written in {@code m}, resolved: an import or class of that module, else the one class
   * of the package with that name (Cython's {@code cimport}s are not recorded), else outside.
   */
  private Klass base(ModuleApi m, String written, String self) {
    String text = written.replaceAll("\\[.*$", "").strip();
    if (!text.contains(".")) {
      Resolution r = walkModuleQuiet(m, text);
      if (r != null) {
        return r instanceof Found f ? classAt(f.path(), text) : new Klass(null, null, text);
      }
      List<String> homes = classesByName.getOrDefault(text, List.of());
      if (homes.size() == 1 && !(homes.get(0).equals(m.name()) && text.equals(self))) {
        ModuleApi home = snapshot.modules().get(homes.get(0));
        return new Klass(home, home.names().get(text), null);
      }
      return new Klass(null, null, text);
    }
    if (text.startsWith(top + ".")) {
      Resolution r = resolve(text);
      if (r instanceof Found f) {
        return classAt(f.path(), text);
      }
    }
    return new Klass(null, null, text);
  }

  /** The name in {@code m} if the module binds it (null when not bound there). */
  private Resolution walkModuleQuiet(ModuleApi m, String name) {
    return m.names().containsKey(name) ? walkModule(m, List.of(name), 0, 0) : null;
  }

  private Klass classAt(String path, String written) {
    int dot = path.lastIndexOf('.');
    ModuleApi home = dot < 0 ? null : snapshot.modules().get(path.substring(0, dot));
    ApiObject o = home == null ? null : home.names().get(path.substring(dot + 1));
    if (o == null || (o.kind() != ObjectKind.CLASS && o.kind() != ObjectKind.ENUM)) {
      return new Klass(null, null, written);
    }
    return new Klass(home, o, null);
  }

  /**
   * What calling the class takes: a msgspec Struct's fields (keyword arguments), else the first
   * {@code __init__} on its bases; null when not known.
   */
  private List<Param> constructor(ModuleApi m, ApiObject cls) {
    List<Klass> mro = mro(m, cls);
    boolean struct =
        mro.stream().anyMatch(k -> k.external != null && STRUCT_BASES.contains(k.external));
    if (struct) {
      Map<String, Param> fields = new LinkedHashMap<>();
      for (int i = mro.size() - 1; i >= 0; i--) {
        Klass k = mro.get(i);
        if (k.external != null) {
          continue;
        }
        for (ApiMember mem : k.cls.members().values()) {
          if (mem.kind() == MemberKind.ATTRIBUTE) {
            fields.put(
                mem.name(), new Param(mem.name(), ParamKind.KEYWORD_ONLY, true, null, mem.type()));
          }
        }
      }
      return new ArrayList<>(fields.values());
    }
    for (Klass k : mro) {
      if (k.external != null) {
        if (EMPTY_BASES.contains(k.external) || ENUM_BASES.contains(k.external)) {
          continue;
        }
        // A base from outside the package may define the constructor; the model cannot tell.
        return null;
      }
      ApiMember init = k.cls.members().get("__init__");
      if (init != null) {
        return init.params();
      }
    }
    // No __init__ recorded (a Cython __cinit__, a dataclass): the signature is not known.
    return null;
  }

  /**
   * Each base of {@code cls} (defined in {@code m}) as the package class it names, {@code
   * module.Name} where it is defined, or null for a base from outside the package or one the model
   * cannot place; for {@link StubWriter}, which must name the same classes the model walks.
   */
  List<String> basePaths(ModuleApi m, ApiObject cls) {
    List<String> out = new ArrayList<>();
    for (String written : cls.bases()) {
      Klass b = base(m, written, cls.name());
      out.add(b.external != null ? null : b.module.name() + "." + b.cls.name());
    }
    return out;
  }

  /** A msgspec Struct's fields as its keyword-only constructor; null when not a Struct. */
  List<Param> structFields(ModuleApi m, ApiObject cls) {
    boolean struct =
        mro(m, cls).stream().anyMatch(k -> k.external != null && STRUCT_BASES.contains(k.external));
    return struct ? constructor(m, cls) : null;
  }

  private static String rest(List<String> parts, int from) {
    return from >= parts.size() ? "" : String.join(".", parts.subList(from, parts.size()));
  }
}
