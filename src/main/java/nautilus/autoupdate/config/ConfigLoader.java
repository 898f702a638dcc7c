package nautilus.autoupdate.config;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import nautilus.autoupdate.Nesting;
import nautilus.autoupdate.UserError;
import org.tomlj.TomlArray;
import org.tomlj.TomlParseResult;
import org.tomlj.TomlPosition;
import org.tomlj.TomlTable;

/**
 * Loads the effective configuration of a downstream repository. Precedence, highest first:
 * command-line flags, {@code NAUTILUS_AUTOUPDATE_*} environment variables, the file ({@code
 * [tool.nautilus-autoupdate]} in {@code pyproject.toml}, else {@code nautilus-autoupdate.toml}),
 * built-in defaults. Every value remembers its {@link Origin}.
 */
public final class ConfigLoader {
  public static final String PYPROJECT = "pyproject.toml";
  public static final String STANDALONE = "nautilus-autoupdate.toml";
  public static final String TABLE = "tool.nautilus-autoupdate";
  public static final String ENV_PREFIX = "NAUTILUS_AUTOUPDATE_";

  private ConfigLoader() {}

  /**
   * Loads the configuration.
   *
   * @param repoRoot the downstream repository's root
   * @param env the process environment (only {@code NAUTILUS_AUTOUPDATE_*} variables are read)
   * @param flags command-line overrides by config key ({@code "dry_run" -> true}); null values mean
   *     "not given". Values may be typed or strings (parsed like environment values).
   */
  public static LoadedConfig load(
      Path repoRoot, Map<String, String> env, Map<String, Object> flags) {
    List<ConfigKey> keys = ConfigKey.all();
    AutoUpdateConfig defaults = AutoUpdateConfig.defaults();
    Map<String, Object> values = new LinkedHashMap<>();
    Map<String, Origin> origins = new LinkedHashMap<>();
    for (ConfigKey k : keys) {
      values.put(k.name(), k.valueIn(defaults));
      origins.put(k.name(), Origin.DEFAULT);
    }
    readFile(repoRoot, values, origins);
    readEnv(env, values, origins);
    readFlags(flags, values, origins);
    Object[] ordered = keys.stream().map(k -> values.get(k.name())).toArray();
    AutoUpdateConfig config = ConfigKey.construct(ordered);
    LoadedConfig loaded = new LoadedConfig(config, origins);
    ConfigValidator.validate(loaded);
    // Every later read of JSON and TOML in this run stops at this depth.
    Nesting.limitTo(config.maxNestingDepth());
    return loaded;
  }

  private static void readFile(
      Path repoRoot, Map<String, Object> values, Map<String, Origin> origins) {
    Path pyproject = repoRoot.resolve(PYPROJECT);
    Path standalone = repoRoot.resolve(STANDALONE);
    TomlTable fromPyproject = null;
    if (Files.isRegularFile(pyproject)) {
      TomlParseResult toml = TomlFiles.parse(TomlFiles.readText(pyproject, PYPROJECT), PYPROJECT);
      fromPyproject = tableAt(toml, PYPROJECT);
    }
    if (fromPyproject != null) {
      if (Files.isRegularFile(standalone)) {
        throw new UserError(
            "both "
                + PYPROJECT
                + " ["
                + TABLE
                + "] and "
                + STANDALONE
                + " configure the tool: keep one of them");
      }
      apply(fromPyproject, PYPROJECT, "[" + TABLE + "]", values, origins);
      return;
    }
    if (Files.isRegularFile(standalone)) {
      TomlParseResult toml =
          TomlFiles.parse(TomlFiles.readText(standalone, STANDALONE), STANDALONE);
      TomlTable table = tableAt(toml, STANDALONE);
      if (table == null) {
        apply(toml, STANDALONE, "the top level", values, origins);
      } else if (toml.keySet().size() > 1) {
        throw new UserError(
            STANDALONE
                + ": put the settings either at the top level or in ["
                + TABLE
                + "], not both");
      } else {
        apply(table, STANDALONE, "[" + TABLE + "]", values, origins);
      }
    }
  }

  private static TomlTable tableAt(TomlParseResult toml, String file) {
    Object tool = toml.get("tool");
    if (!(tool instanceof TomlTable)) {
      return null;
    }
    Object table = ((TomlTable) tool).get(List.of("nautilus-autoupdate"));
    if (table == null) {
      return null;
    }
    if (!(table instanceof TomlTable)) {
      throw new UserError(
          file + ":" + lineOf(toml.inputPositionOf(TABLE)) + ": " + TABLE + " must be a table");
    }
    return (TomlTable) table;
  }

  private static void apply(
      TomlTable table,
      String file,
      String where,
      Map<String, Object> values,
      Map<String, Origin> origins) {
    // Sorted so the first error reported does not depend on hash order.
    Map<String, Object> entries = new TreeMap<>();
    for (String key : table.keySet()) {
      entries.put(key, table.get(List.of(key)));
    }
    for (Map.Entry<String, Object> e : entries.entrySet()) {
      String key = e.getKey();
      String at = file + ":" + lineOf(table.inputPositionOf(List.of(key)));
      ConfigKey k =
          ConfigKey.byName(key)
              .orElseThrow(
                  () ->
                      new UserError(
                          at
                              + ": unknown key '"
                              + key
                              + "' in "
                              + where
                              + " (did you mean '"
                              + ConfigKey.closest(key)
                              + "'?)"));
      values.put(k.name(), fromToml(e.getValue(), k, at));
      origins.put(k.name(), Origin.file(file));
    }
  }

  private static int lineOf(TomlPosition p) {
    return p == null ? 1 : p.line();
  }

  private static Object fromToml(Object value, ConfigKey k, String at) {
    Class<?> t = k.type();
    if (t == String.class && value instanceof String) {
      return emptyToNull((String) value);
    }
    if (t == Channel.class && value instanceof String) {
      return channelOf((String) value, k, at);
    }
    if (t == int.class && value instanceof Long) {
      long l = (Long) value;
      if (l >= Integer.MIN_VALUE && l <= Integer.MAX_VALUE) {
        return (int) l;
      }
    }
    if (t == boolean.class && value instanceof Boolean) {
      return value;
    }
    if (k.isList() && value instanceof TomlArray) {
      TomlArray array = (TomlArray) value;
      List<String> out = new ArrayList<>();
      for (Object o : array.toList()) {
        if (o instanceof String) {
          out.add((String) o);
        }
      }
      if (out.size() == array.size()) {
        return out;
      }
    }
    throw new UserError(
        at + ": key '" + k.name() + "' expects " + k.typeName() + ", got " + describe(value, k));
  }

  private static String describe(Object value, ConfigKey k) {
    String kind;
    if (value instanceof String) {
      kind = "a string";
    } else if (value instanceof Long) {
      kind = "an integer";
    } else if (value instanceof Boolean) {
      kind = "a boolean";
    } else if (value instanceof TomlArray) {
      kind = "an array";
    } else if (value instanceof TomlTable) {
      return "a table";
    } else {
      kind = "a " + value.getClass().getSimpleName();
    }
    // Values of *_env keys might be pasted secrets: never echo them.
    return k.namesEnvVar() || value instanceof TomlArray ? kind : kind + " (" + value + ")";
  }

  /** Read by bin/nautilus-autoupdate itself (JVM options), not settings. */
  static final Set<String> LAUNCHER_VARS =
      Set.of("NAUTILUS_AUTOUPDATE_JAVA_OPTS", "NAUTILUS_AUTOUPDATE_CDS");

  private static void readEnv(
      Map<String, String> env, Map<String, Object> values, Map<String, Origin> origins) {
    for (Map.Entry<String, String> e : new TreeMap<>(env).entrySet()) {
      String var = e.getKey();
      if (!var.startsWith(ENV_PREFIX) || LAUNCHER_VARS.contains(var)) {
        continue;
      }
      String key = var.substring(ENV_PREFIX.length()).toLowerCase(Locale.ROOT);
      ConfigKey k =
          ConfigKey.byName(key)
              .orElseThrow(
                  () ->
                      new UserError(
                          "environment variable "
                              + var
                              + " is not a known setting (did you mean "
                              + ENV_PREFIX
                              + ConfigKey.closest(key).toUpperCase(Locale.ROOT)
                              + "?)"));
      values.put(k.name(), fromText(e.getValue(), k, "environment variable " + var));
      origins.put(k.name(), Origin.env(var));
    }
  }

  private static void readFlags(
      Map<String, Object> flags, Map<String, Object> values, Map<String, Origin> origins) {
    for (Map.Entry<String, Object> e : flags.entrySet()) {
      if (e.getValue() == null) {
        continue;
      }
      ConfigKey k =
          ConfigKey.byName(e.getKey())
              .orElseThrow(
                  () -> new IllegalArgumentException("not a configuration key: " + e.getKey()));
      values.put(k.name(), fromFlag(e.getValue(), k));
      origins.put(k.name(), Origin.flag(k.flag()));
    }
  }

  private static Object fromFlag(Object value, ConfigKey k) {
    String where = "option " + k.flag();
    if (value instanceof String) {
      return fromText((String) value, k, where);
    }
    if (value instanceof Path) {
      return value.toString();
    }
    if (k.type() == int.class && value instanceof Number) {
      return ((Number) value).intValue();
    }
    if ((k.type() == boolean.class && value instanceof Boolean)
        || (k.type() == Channel.class && value instanceof Channel)) {
      return value;
    }
    if (k.isList() && value instanceof List) {
      List<String> out = new ArrayList<>();
      for (Object o : (List<?>) value) {
        out.add(String.valueOf(o));
      }
      return out;
    }
    throw new IllegalArgumentException(
        where + " has a " + value.getClass().getSimpleName() + ", expected " + k.typeName());
  }

  /** Environment and command-line values are text: lists are comma-separated. */
  private static Object fromText(String text, ConfigKey k, String where) {
    String v = text.trim();
    Class<?> t = k.type();
    if (t == String.class) {
      return emptyToNull(v);
    }
    if (t == Channel.class) {
      return channelOf(v, k, where);
    }
    if (k.isList()) {
      List<String> out = new ArrayList<>();
      for (String part : v.split(",")) {
        if (!part.isBlank()) {
          out.add(part.trim());
        }
      }
      return out;
    }
    if (t == int.class) {
      try {
        return Integer.parseInt(v);
      } catch (NumberFormatException e) {
        throw new UserError(where + ": expected an integer, got '" + v + "'", e);
      }
    }
    switch (v.toLowerCase(Locale.ROOT)) {
      case "true":
      case "1":
      case "yes":
      case "on":
        return true;
      case "false":
      case "0":
      case "no":
      case "off":
        return false;
      default:
        throw new UserError(where + ": expected true or false, got '" + v + "'");
    }
  }

  private static Channel channelOf(String text, ConfigKey k, String where) {
    try {
      return Channel.of(text);
    } catch (UserError e) {
      throw new UserError(where + ": key '" + k.name() + "': " + e.getMessage(), e);
    }
  }

  private static String emptyToNull(String s) {
    return s.isBlank() ? null : s;
  }
}
