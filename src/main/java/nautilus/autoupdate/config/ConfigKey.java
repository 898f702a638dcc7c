package nautilus.autoupdate.config;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.RecordComponent;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import nautilus.autoupdate.EditDistance;

/**
 * One configuration key: its snake_case name in files, its environment variable and its type,
 * derived from {@link AutoUpdateConfig}'s components so the key list cannot drift from the record.
 */
public record ConfigKey(String name, String component, Class<?> type) {

  /** Every key, in the order of {@link AutoUpdateConfig}'s components. */
  public static List<ConfigKey> all() {
    List<ConfigKey> keys = new ArrayList<>();
    for (RecordComponent c : AutoUpdateConfig.class.getRecordComponents()) {
      keys.add(new ConfigKey(keyNameOf(c.getName()), c.getName(), c.getType()));
    }
    return Collections.unmodifiableList(keys);
  }

  public static Optional<ConfigKey> byName(String name) {
    return all().stream().filter(k -> k.name.equals(name)).findFirst();
  }

  /** {@code packageName} is {@code package} in files (as pip and uv say it); others snake_case. */
  static String keyNameOf(String component) {
    if (component.equals("packageName")) {
      return "package";
    }
    StringBuilder sb = new StringBuilder();
    for (char ch : component.toCharArray()) {
      if (Character.isUpperCase(ch)) {
        sb.append('_').append(Character.toLowerCase(ch));
      } else {
        sb.append(ch);
      }
    }
    return sb.toString();
  }

  /** {@code NAUTILUS_AUTOUPDATE_DRY_RUN} for {@code dry_run}. */
  public String envVar() {
    return ConfigLoader.ENV_PREFIX + name.toUpperCase(Locale.ROOT);
  }

  /** The command-line spelling used in origins: {@code --dry-run}. */
  public String flag() {
    return "--" + name.replace('_', '-');
  }

  /** Keys naming one environment variable that holds a secret; their values are names. */
  public boolean namesEnvVar() {
    return name.endsWith("_env") && type == String.class;
  }

  public boolean isList() {
    return List.class.equals(type);
  }

  /** What the type is called in error messages. */
  public String typeName() {
    if (type == int.class) {
      return "an integer";
    }
    if (type == boolean.class) {
      return "a boolean (true or false)";
    }
    if (isList()) {
      return "a list of strings";
    }
    if (type == Channel.class) {
      return "one of: stable, pre, nightly, develop";
    }
    return "a string";
  }

  /** This key's value in a configuration. */
  public Object valueIn(AutoUpdateConfig config) {
    try {
      return AutoUpdateConfig.class.getMethod(component).invoke(config);
    } catch (NoSuchMethodException | IllegalAccessException | InvocationTargetException e) {
      throw new IllegalStateException("cannot read " + component, e);
    }
  }

  /** Builds a configuration from one value per key, in {@link #all()} order. */
  static AutoUpdateConfig construct(Object[] values) {
    Class<?>[] types =
        Arrays.stream(AutoUpdateConfig.class.getRecordComponents())
            .map(RecordComponent::getType)
            .toArray(Class<?>[]::new);
    try {
      return AutoUpdateConfig.class.getDeclaredConstructor(types).newInstance(values);
    } catch (InvocationTargetException e) {
      if (e.getCause() instanceof RuntimeException) {
        throw (RuntimeException) e.getCause();
      }
      throw new IllegalStateException(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("cannot construct AutoUpdateConfig", e);
    }
  }

  /** The key closest to {@code name} by Levenshtein distance, for "did you mean" hints. */
  public static String closest(String name) {
    String best = null;
    int bestDistance = Integer.MAX_VALUE;
    for (ConfigKey k : all()) {
      int d = EditDistance.levenshtein(name.toLowerCase(Locale.ROOT), k.name);
      if (d < bestDistance) {
        best = k.name;
        bestDistance = d;
      }
    }
    return best;
  }
}
