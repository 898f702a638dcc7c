package nautilus.autoupdate.api;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The public API of one version of a package: every public module with its names. {@code sources}
 * says what was read (wheel file, sdist, runtime introspection); {@code skipped} says what could
 * not be read and why, so a reader knows how complete the snapshot is. {@code format} changes when
 * the extractors change, which invalidates cached snapshots.
 */
@JsonPropertyOrder({"package_name", "version", "format", "sources", "skipped", "modules"})
public record ApiSnapshot(
    String packageName,
    String version,
    int format,
    List<String> sources,
    List<String> skipped,
    Map<String, ModuleApi> modules) {

  /**
   * Bump when an extractor changes what it records (5: declared types of fields and params; 6: a
   * function of no parameters keeps its empty signature in the cached JSON; 7: a Cython {@code x
   * not None: T} parameter is named x, not None).
   */
  public static final int FORMAT = 7;

  public ApiSnapshot {
    sources = List.copyOf(sources);
    skipped = List.copyOf(skipped);
    modules = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(modules));
  }

  /** The module, if public in this version. */
  public Optional<ModuleApi> module(String name) {
    return Optional.ofNullable(modules.get(name));
  }

  /**
   * Resolves a name as {@code from module import name} would: the object itself, following
   * re-exports to where it is defined (empty if the import would fail or loops).
   */
  public Optional<ApiObject> resolve(String module, String name) {
    String m = module;
    String n = name;
    for (int hops = 0; hops < 10; hops++) {
      ModuleApi mod = modules.get(m);
      if (mod == null) {
        // "from pkg import sub" imports a submodule; not an object.
        return Optional.empty();
      }
      ApiObject o = mod.names().get(n);
      if (o == null) {
        return Optional.empty();
      }
      if (o.kind() != ObjectKind.IMPORT) {
        return Optional.of(o);
      }
      int dot = o.target().lastIndexOf('.');
      if (dot < 0 || !modules.containsKey(o.target().substring(0, dot))) {
        // Re-export of something outside this package (numpy, the standard library): keep it.
        return Optional.of(o);
      }
      m = o.target().substring(0, dot);
      n = o.target().substring(dot + 1);
    }
    return Optional.empty();
  }

  /** The module where {@code module.name} is defined, following re-exports. */
  public String definingModule(String module, String name) {
    String m = module;
    String n = name;
    for (int hops = 0; hops < 10; hops++) {
      ModuleApi mod = modules.get(m);
      ApiObject o = mod == null ? null : mod.names().get(n);
      if (o == null || o.kind() != ObjectKind.IMPORT) {
        return m;
      }
      int dot = o.target().lastIndexOf('.');
      if (dot < 0 || !modules.containsKey(o.target().substring(0, dot))) {
        return m;
      }
      m = o.target().substring(0, dot);
      n = o.target().substring(dot + 1);
    }
    return m;
  }

  /** One public module: where it was read from, its {@code __all__} (null when absent), names. */
  @JsonPropertyOrder({"name", "origin", "all", "names"})
  public record ModuleApi(
      String name,
      String origin,
      @JsonInclude(JsonInclude.Include.NON_NULL) List<String> all,
      Map<String, ApiObject> names) {
    public ModuleApi {
      all = all == null ? null : List.copyOf(all);
      names = java.util.Collections.unmodifiableSortedMap(new TreeMap<>(names));
    }
  }

  /**
   * A module-level name. {@code target} is the dotted origin of a re-export ({@code kind ==
   * IMPORT}); {@code params} is the signature of a function (a class's is its {@code __init__}
   * member); {@code bases} and {@code members} belong to classes and enums.
   */
  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  @JsonPropertyOrder({"name", "kind", "target", "bases", "params", "members"})
  public record ApiObject(
      String name,
      ObjectKind kind,
      String target,
      List<String> bases,
      // No parameters is a known signature, no params (null) an unknown one: both must survive
      // the cache, or a keyword to a function of no parameters fails cold and is unknown cached.
      @JsonInclude(JsonInclude.Include.NON_NULL) List<Param> params,
      Map<String, ApiMember> members) {
    public ApiObject {
      bases = bases == null ? List.of() : List.copyOf(bases);
      params = params == null ? null : List.copyOf(params);
      members =
          java.util.Collections.unmodifiableSortedMap(
              new TreeMap<>(members == null ? Map.of() : members));
    }
  }

  /**
   * A Python-visible member of a class: method, property, attribute or enum member. {@code type} is
   * an attribute's declared type ({@link TypeText}: annotation text, qualified through the module's
   * imports), null when not annotated or not read.
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "kind", "params", "type"})
  public record ApiMember(String name, MemberKind kind, List<Param> params, String type) {
    public ApiMember {
      params = params == null ? null : List.copyOf(params);
    }

    public ApiMember(String name, MemberKind kind, List<Param> params) {
      this(name, kind, params, null);
    }
  }

  /**
   * A parameter: its name, kind, and whether it has a default ({@code defaultValue} holds the
   * default's source text when known); {@code type} is its declared type ({@link TypeText}), null
   * when not annotated or not read (Cython sources).
   */
  @JsonInclude(JsonInclude.Include.NON_NULL)
  @JsonPropertyOrder({"name", "kind", "has_default", "default_value", "type"})
  public record Param(
      String name, ParamKind kind, boolean hasDefault, String defaultValue, String type) {
    public Param(String name, ParamKind kind, boolean hasDefault, String defaultValue) {
      this(name, kind, hasDefault, defaultValue, null);
    }

    /** The same parameter without its type: what binding a call depends on. */
    public Param untyped() {
      return type == null ? this : new Param(name, kind, hasDefault, defaultValue);
    }
  }

  /** What a module-level name is. */
  public enum ObjectKind {
    CLASS,
    ENUM,
    FUNCTION,
    CONSTANT,
    /** A re-export: {@code from a.b import C} in a module's body. */
    IMPORT;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** What a class member is. */
  public enum MemberKind {
    METHOD,
    PROPERTY,
    ATTRIBUTE,
    ENUM_MEMBER;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** Python's parameter kinds, as {@code inspect.Parameter.kind} names them. */
  public enum ParamKind {
    POSITIONAL_ONLY,
    POSITIONAL_OR_KEYWORD,
    VAR_POSITIONAL,
    KEYWORD_ONLY,
    VAR_KEYWORD;

    @com.fasterxml.jackson.annotation.JsonValue
    public String id() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }
}
