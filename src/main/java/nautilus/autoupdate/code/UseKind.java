package nautilus.autoupdate.code;

/** What kind of reference to the upstream package a {@link Use} is. */
public enum UseKind {
  /** An import statement naming an upstream module or name. */
  IMPORT,
  /** A bare name bound to an upstream name. */
  NAME,
  /** An attribute chain on an upstream name ({@code BinanceAccountType.USDT_FUTURE}). */
  ATTRIBUTE,
  /** A call of an upstream callable, with its keyword arguments. */
  CALL,
  /** A method or class field defined in our class that derives from an upstream class. */
  OVERRIDE,
  /** A {@code "pkg.module:Class"} or {@code "pkg.module.Class"} string. */
  CONFIG_STRING,
  /** A key in a YAML, JSON or TOML file that references the upstream package. */
  CONFIG_KEY,
  /** A string literal that looks like an environment variable name ({@code NAUTILUS_PATH}). */
  ENV_STRING
}
