package nautilus.autoupdate.code;

import java.util.List;

/**
 * The facts of one file: one unit for a module or config, the code cells for a notebook. {@code
 * problem} (null when none) says what of the file could not be read as it is.
 */
record FileFacts(boolean python, List<ModuleFacts> units, Problem problem) {
  FileFacts(boolean python, List<ModuleFacts> units) {
    this(python, units, null);
  }

  /** What could not be read, and whether the file's bytes name the package. */
  record Problem(String reason, boolean mentionsPackage) {}
}
