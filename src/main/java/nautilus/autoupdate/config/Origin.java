package nautilus.autoupdate.config;

import com.fasterxml.jackson.annotation.JsonValue;

/**
 * Where one configuration value came from: the built-in default, a file, an environment variable or
 * a command-line flag.
 */
public record Origin(Layer layer, String source) {

  /** The layers in increasing precedence. */
  public enum Layer {
    DEFAULT,
    FILE,
    ENV,
    FLAG
  }

  public static final Origin DEFAULT = new Origin(Layer.DEFAULT, "default");

  public static Origin file(String relativePath) {
    return new Origin(Layer.FILE, relativePath);
  }

  public static Origin env(String variable) {
    return new Origin(Layer.ENV, variable);
  }

  public static Origin flag(String option) {
    return new Origin(Layer.FLAG, option);
  }

  /** "default", "pyproject.toml", "env NAUTILUS_AUTOUPDATE_DRY_RUN", "flag --dry-run". */
  @JsonValue
  @Override
  public String toString() {
    switch (layer) {
      case ENV:
        return "env " + source;
      case FLAG:
        return "flag " + source;
      default:
        return source;
    }
  }
}
